#include "cnlp_editline.h"

#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

struct cnlp_editor {
    EditLine *el;
    History *history;
    HistEvent event;
    char *prompt;
    int interrupted;
};

static char *prompt_of(EditLine *el) {
    cnlp_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return editor ? editor->prompt : "";
}

/* Ctrl-C ends the read like Ctrl-D does, but says so, so the caller can tell them apart. */
static unsigned char on_interrupt(EditLine *el, int ch) {
    (void)ch;
    cnlp_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    if (editor) editor->interrupted = 1;
    return CC_EOF;
}

cnlp_editor *cnlp_editor_open(const char *program, const char *prompt, int history_size) {
    /* libedit decodes multibyte input by the C library's locale; without a UTF-8 one it would
       show Chinese as octal escapes. */
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (!codeset || strcmp(codeset, "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");

    cnlp_editor *editor = calloc(1, sizeof *editor);
    if (!editor) return NULL;
    editor->prompt = strdup(prompt);
    editor->el = el_init(program, stdin, stdout, stderr);
    if (!editor->el) { free(editor->prompt); free(editor); return NULL; }
    editor->history = history_init();
    history(editor->history, &editor->event, H_SETSIZE, history_size > 0 ? history_size : 500);
    history(editor->history, &editor->event, H_SETUNIQUE, 1);

    el_set(editor->el, EL_CLIENTDATA, editor);
    el_set(editor->el, EL_EDITOR, "emacs");
    el_set(editor->el, EL_HIST, history, editor->history);
    el_set(editor->el, EL_PROMPT, prompt_of);
    /* Ctrl-C must reach the editor as a key rather than kill the process mid-edit, and stay a
       key between lines too ("-x", libedit's cooked mode, while the bot answers): a SIGINT
       there would go unseen until the next Enter. The terminal is switched now, so the
       greeting is covered too; el_end restores it. */
    el_set(editor->el, EL_SETTY, "-d", "-isig", NULL);
    el_set(editor->el, EL_SETTY, "-x", "-isig", NULL);
    struct termios mode;
    if (tcgetattr(fileno(stdin), &mode) == 0 && (mode.c_lflag & ISIG)) {
        mode.c_lflag &= ~(tcflag_t)ISIG;
        tcsetattr(fileno(stdin), TCSADRAIN, &mode);
    }
    el_set(editor->el, EL_ADDFN, "nlp-interrupt", "end the chat", on_interrupt);
    el_set(editor->el, EL_BIND, "^C", "nlp-interrupt", NULL);
    el_set(editor->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    el_set(editor->el, EL_BIND, "^S", "em-inc-search-next", NULL);
    return editor;
}

const char *cnlp_editor_read(cnlp_editor *editor, int *length, int *status) {
    editor->interrupted = 0;
    int count = 0;
    /* Raw mode before the prompt, not after: libedit prints the prompt first and sets raw mode
       at its first read, so keys typed the moment the prompt shows would meet the terminal's
       own line editing (Ctrl-R reprints, Ctrl-W erases) instead of the editor's bindings. */
    el_set(editor->el, EL_PREP_TERM, 1);
    const char *line = el_gets(editor->el, &count);
    if (editor->interrupted) { *status = CNLP_EDIT_INTERRUPT; *length = 0; return NULL; }
    if (!line || count <= 0) { *status = CNLP_EDIT_EOF; *length = 0; return NULL; }
    while (count > 0 && (line[count - 1] == '\n' || line[count - 1] == '\r')) count--;
    *status = CNLP_EDIT_LINE;
    *length = count;
    return line;
}

void cnlp_editor_add_history(cnlp_editor *editor, const char *line) {
    if (line && *line) history(editor->history, &editor->event, H_ENTER, line);
}

void cnlp_editor_close(cnlp_editor *editor) {
    if (!editor) return;
    el_end(editor->el);
    history_end(editor->history);
    free(editor->prompt);
    free(editor);
}
