/* `parx batch`: the front end of batch/batch.h. */
#ifndef PARX_CLI_BATCH_CMD_H
#define PARX_CLI_BATCH_CMD_H

/* Runs `parx batch` with argv[0] == "batch"; returns the exit status. */
int batch_command(int argc, char **argv);

#endif
