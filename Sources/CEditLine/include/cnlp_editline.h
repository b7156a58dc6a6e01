#ifndef CNLP_EDITLINE_H
#define CNLP_EDITLINE_H

/* A line editor for `nlp chat` on a terminal: libedit's emacs bindings (arrows, Home/End,
   Ctrl-A/E/K/W), in-memory history (Up/Down, Ctrl-R incremental search), UTF-8 input.
   The header uses plain C types only; libedit's own headers stay in the .c file. */

typedef struct cnlp_editor cnlp_editor;

enum { CNLP_EDIT_LINE = 0, CNLP_EDIT_EOF = 1, CNLP_EDIT_INTERRUPT = 2 };

/* Reads from stdin, writes to stdout; returns NULL when the terminal cannot be set up. */
cnlp_editor *cnlp_editor_open(const char *program, const char *prompt, int history_size);

/* The next line without its newline (owned by the editor, valid until the next call), its
   byte length in *length, and the status: LINE, EOF (Ctrl-D on an empty line or end of
   input) or INTERRUPT (Ctrl-C); the line is NULL for the last two. */
const char *cnlp_editor_read(cnlp_editor *editor, int *length, int *status);

void cnlp_editor_add_history(cnlp_editor *editor, const char *line);

/* Restores the terminal and frees the editor. */
void cnlp_editor_close(cnlp_editor *editor);

#endif
