/* `parx report`: the front end of report/report.h. */
#ifndef PARX_CLI_REPORT_CMD_H
#define PARX_CLI_REPORT_CMD_H

/* Runs `parx report` with argv[0] == "report"; returns the exit status. */
int report_command(int argc, char **argv);

#endif
