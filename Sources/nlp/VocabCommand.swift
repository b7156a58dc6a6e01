import ArgumentParser

struct VocabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "Train vocabularies.",
        subcommands: [])
}
