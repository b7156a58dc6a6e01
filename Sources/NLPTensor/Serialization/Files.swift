// Atomic file writes and whole-file reads live in NLPFiles, shared with NLPTokenizers;
// re-exported so that users of checkpoints and model directories get `AtomicFile` and `FileError`.
@_exported import NLPFiles
