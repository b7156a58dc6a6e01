/// GPT-2's reversible byte -> character mapping, used by byte-level BPE so that every byte is a
/// printable character in `vocab.json`: printable Latin-1 bytes map to themselves, the other 68
/// bytes to U+0100 onwards in byte order (space 0x20 -> "Ġ" U+0120, newline 0x0A -> "Ċ" U+010A).
public enum TrainingByteAlphabet {
    /// The character for each byte value.
    public static let scalars: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            if (33...126).contains(b) || (161...172).contains(b) || (174...255).contains(b) {
                table[b] = UInt32(b)
            } else {
                table[b] = next
                next += 1
            }
        }
        return table
    }()
}
