import Foundation

/// The files a corpus argument names: a file is itself; a folder is every `*.txt` under it,
/// recursively. The result is sorted by path (byte order) so that the same arguments always
/// give the same stream, whatever order the file system lists entries in; the order of the
/// arguments themselves is kept.
///
///     try CorpusFiles.resolve(["corpora/en", "extra.txt"])
///     // ["corpora/en/cooking.txt", ..., "corpora/en/travel.txt", "extra.txt"]
public enum CorpusFiles {
    public static func resolve(_ paths: [String]) throws -> [String] {
        guard !paths.isEmpty else { throw CorpusError("corpus: no corpus path given") }
        var files: [String] = []
        var seen = Set<String>()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CorpusError("\(path): no such file or directory")
            }
            var found: [String]
            if isDirectory.boolValue {
                found = try textFiles(under: path)
                guard !found.isEmpty else { throw CorpusError("corpus: no .txt files under \(path)") }
            } else {
                found = [path]
            }
            for f in found where seen.insert(f).inserted { files.append(f) }
        }
        return files
    }

    /// Every regular `*.txt` file below `folder` (following the folder, not symlinked folders),
    /// sorted by UTF-8 bytes.
    static func textFiles(under folder: String) throws -> [String] {
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        guard let walker = FileManager.default.enumerator(atPath: base) else {
            throw CorpusError("\(folder): cannot list the folder")
        }
        var out: [String] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".txt") else { continue }
            let full = base + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(full)
            }
        }
        return out.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
