/* parx catalog and parx check: their own options, called from main. */
#ifndef PARX_CLI_CHECK_CMD_H
#define PARX_CLI_CHECK_CMD_H

/* argv[0] is the command's name. Each returns the exit status. */
int catalog_command(int argc, char **argv);
int check_command(int argc, char **argv);

#endif
