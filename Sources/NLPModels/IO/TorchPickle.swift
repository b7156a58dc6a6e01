import Foundation

/// A value of the tiny pickle subset `torch.save(state_dict)` writes. Lists and dicts are
/// reference types because pickle mutates them after memoising them (APPEND, SETITEM).
indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    case list(PickleList)
    case dict(PickleDict)
    /// A `module.name` reference (GLOBAL), only ever called through REDUCE from the allow-list.
    case global(String)
    /// A storage named by a persistent id: `('storage', torch.FloatStorage, '0', 'cpu', numel)`.
    case storage(TorchStorageRef)
    case tensor(TorchTensorRef)
}

final class PickleList { var items: [PickleValue] = [] }
final class PickleDict { var pairs: [(key: PickleValue, value: PickleValue)] = [] }

/// Which zip member holds a tensor's data, and in which element type.
struct TorchStorageRef {
    var key: String
    var dtype: TorchDType
    var count: Int
}

/// A strided view of a storage, as `torch._utils._rebuild_tensor_v2` describes it.
struct TorchTensorRef {
    var storage: TorchStorageRef
    var offset: Int
    var shape: [Int]
    var stride: [Int]
}

/// Element types of legacy typed storages (`torch.FloatStorage`, ...).
enum TorchDType: String {
    case float32 = "FloatStorage", float16 = "HalfStorage", bfloat16 = "BFloat16Storage", float64 = "DoubleStorage"
    case int64 = "LongStorage", int32 = "IntStorage", int16 = "ShortStorage", int8 = "CharStorage"
    case uint8 = "ByteStorage", bool = "BoolStorage"

    var size: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .float16, .bfloat16, .int16: 2
        case .int8, .uint8, .bool: 1
        }
    }
}

/// Reads the pickle of a `torch.save`d state dict without executing anything: the only callables
/// are the allow-listed constructors below (OrderedDict, the tensor rebuild functions), which are
/// interpreted here, never looked up. Any other global, opcode or call is refused with its name,
/// e.g. `pickle calls builtins.eval, which is not part of a PyTorch state_dict`.
struct TorchUnpickler {
    static let allowedCalls: Set<String> = [
        "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
    ]

    let bytes: [UInt8]
    let path: String
    private var position = 0
    private var stack: [PickleValue] = []
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]

    init(_ bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    private func fail(_ why: String) -> ModelError { .checkpoint("\(path): \(why)") }

    mutating func load() throws -> PickleValue {
        while true {
            let at = position
            let op = try byte()
            switch op {
            case 0x80: _ = try byte()                                    // PROTO
            case 0x95: _ = try take(8)                                   // FRAME
            case 0x2E:                                                   // STOP
                guard let top = stack.popLast() else { throw fail("empty pickle") }
                return top
            case 0x28: marks.append(stack.count)                         // MARK
            case 0x30: _ = try pop()                                     // POP
            case 0x31: _ = try popMark()                                 // POP_MARK
            case 0x32: stack.append(try peek())                          // DUP
            case 0x4E: stack.append(.none)                               // NONE
            case 0x88: stack.append(.bool(true))                         // NEWTRUE
            case 0x89: stack.append(.bool(false))                        // NEWFALSE
            case 0x4A: stack.append(.int(Int(Int32(truncatingIfNeeded: try uint(4)))))  // BININT
            case 0x4B: stack.append(.int(try uint(1)))                   // BININT1
            case 0x4D: stack.append(.int(try uint(2)))                   // BININT2
            case 0x8A: stack.append(.int(try long(try uint(1))))         // LONG1
            case 0x8B: stack.append(.int(try long(try uint(4))))         // LONG4
            case 0x47:                                                   // BINFLOAT (big-endian)
                let raw = try take(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                stack.append(.float(Double(bitPattern: raw)))
            case 0x58: stack.append(.string(try text(try uint(4))))      // BINUNICODE
            case 0x8C: stack.append(.string(try text(try uint(1))))      // SHORT_BINUNICODE
            case 0x8D: stack.append(.string(try text(try uint(8))))      // BINUNICODE8
            case 0x54: stack.append(.string(try text(try uint(4))))      // BINSTRING
            case 0x55: stack.append(.string(try text(try uint(1))))      // SHORT_BINSTRING
            case 0x42: stack.append(.bytes(try take(try uint(4))))       // BINBYTES
            case 0x43: stack.append(.bytes(try take(try uint(1))))       // SHORT_BINBYTES
            case 0x8E: stack.append(.bytes(try take(try uint(8))))       // BINBYTES8
            case 0x29: stack.append(.tuple([]))                          // EMPTY_TUPLE
            case 0x74: stack.append(.tuple(try popMark()))               // TUPLE
            case 0x85, 0x86, 0x87:                                       // TUPLE1..3
                let n = Int(op - 0x84)
                guard stack.count >= n else { throw fail("pickle stack underflow at byte \(at)") }
                stack.append(.tuple(Array(stack.suffix(n))))
                stack.removeSubrange(stack.count - n - 1..<stack.count - 1)
            case 0x5D: stack.append(.list(PickleList()))                 // EMPTY_LIST
            case 0x6C:                                                   // LIST
                let l = PickleList(); l.items = try popMark(); stack.append(.list(l))
            case 0x61:                                                   // APPEND
                let v = try pop()
                guard case .list(let l) = try peek() else { throw fail("APPEND to a non-list at byte \(at)") }
                l.items.append(v)
            case 0x65:                                                   // APPENDS
                let vs = try popMark()
                guard case .list(let l) = try peek() else { throw fail("APPENDS to a non-list at byte \(at)") }
                l.items += vs
            case 0x7D: stack.append(.dict(PickleDict()))                 // EMPTY_DICT
            case 0x64:                                                   // DICT
                let d = PickleDict(); try add(try popMark(), to: d); stack.append(.dict(d))
            case 0x73:                                                   // SETITEM
                let v = try pop(), k = try pop()
                guard case .dict(let d) = try peek() else { throw fail("SETITEM on a non-dict at byte \(at)") }
                d.pairs.append((k, v))
            case 0x75:                                                   // SETITEMS
                let kv = try popMark()
                guard case .dict(let d) = try peek() else { throw fail("SETITEMS on a non-dict at byte \(at)") }
                try add(kv, to: d)
            case 0x63:                                                   // GLOBAL "module\nname\n"
                let module = try line(), name = try line()
                stack.append(.global(module + "." + name))
            case 0x93:                                                   // STACK_GLOBAL
                guard case .string(let name) = try pop(), case .string(let module) = try pop() else {
                    throw fail("STACK_GLOBAL without module and name strings at byte \(at)")
                }
                stack.append(.global(module + "." + name))
            case 0x71: memo[try uint(1)] = try peek()                    // BINPUT
            case 0x72: memo[try uint(4)] = try peek()                    // LONG_BINPUT
            case 0x94: memo[memo.count] = try peek()                     // MEMOIZE
            case 0x68, 0x6A:                                             // BINGET, LONG_BINGET
                let k = try uint(op == 0x68 ? 1 : 4)
                guard let v = memo[k] else { throw fail("pickle refers to memo \(k), never stored (byte \(at))") }
                stack.append(v)
            case 0x51: stack.append(try persistent(try pop()))           // BINPERSID
            case 0x52:                                                   // REDUCE
                let args = try pop(), callable = try pop()
                stack.append(try call(callable, args))
            case 0x62:                                                   // BUILD
                _ = try pop()  // state: OrderedDict._metadata or tensor hooks; nothing a weight needs
                guard case .dict = try peek() else {
                    if case .tensor = try peek() { continue }
                    throw fail("pickle BUILD on something other than a dict or tensor (byte \(at))")
                }
            default:
                throw fail(String(format: "unsupported pickle opcode 0x%02X at byte %d (not a PyTorch state_dict)", op, at))
            }
        }
    }

    // MARK: The interpreted callables

    private func call(_ callable: PickleValue, _ args: PickleValue) throws -> PickleValue {
        guard case .global(let name) = callable else { throw fail("pickle REDUCE on a non-callable") }
        guard Self.allowedCalls.contains(name) else {
            throw fail("pickle calls \(name), which is not part of a PyTorch state_dict; refusing to read it")
        }
        guard case .tuple(let a) = args else { throw fail("\(name) called without an argument tuple") }
        switch name {
        case "collections.OrderedDict":
            return .dict(PickleDict())
        case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
            guard let data = a.first, case .tensor = data else { throw fail("\(name) without a tensor") }
            return data
        default:  // _rebuild_tensor(_v2)(storage, storage_offset, size, stride, ...)
            guard a.count >= 4, case .storage(let s) = a[0], case .int(let offset) = a[1],
                  let shape = ints(a[2]), let stride = ints(a[3]), shape.count == stride.count else {
                throw fail("\(name) with unexpected arguments")
            }
            return .tensor(TorchTensorRef(storage: s, offset: offset, shape: shape, stride: stride))
        }
    }

    /// `('storage', torch.FloatStorage, key, location, numel)`.
    private func persistent(_ pid: PickleValue) throws -> PickleValue {
        guard case .tuple(let t) = pid, t.count >= 5, case .string("storage") = t[0], case .global(let type) = t[1],
              case .string(let key) = t[2], case .int(let count) = t[4] else {
            throw fail("unsupported persistent id (not a torch storage)")
        }
        let typeName = type.hasPrefix("torch.") ? String(type.dropFirst(6)) : type
        guard let dtype = TorchDType(rawValue: typeName) else { throw fail("unsupported storage type \(type)") }
        return .storage(TorchStorageRef(key: key, dtype: dtype, count: count))
    }

    private func ints(_ v: PickleValue) -> [Int]? {
        guard case .tuple(let items) = v else { return nil }
        var out: [Int] = []
        for item in items { guard case .int(let n) = item else { return nil }; out.append(n) }
        return out
    }

    // MARK: Reading

    private func add(_ kv: [PickleValue], to d: PickleDict) throws {
        guard kv.count % 2 == 0 else { throw fail("odd number of dict items in pickle") }
        for i in stride(from: 0, to: kv.count, by: 2) { d.pairs.append((kv[i], kv[i + 1])) }
    }

    private mutating func pop() throws -> PickleValue {
        guard let v = stack.popLast() else { throw fail("pickle stack underflow at byte \(position)") }
        if let m = marks.last, stack.count < m { throw fail("pickle pops past a mark at byte \(position)") }
        return v
    }

    private func peek() throws -> PickleValue {
        guard let v = stack.last else { throw fail("pickle stack underflow at byte \(position)") }
        return v
    }

    private mutating func popMark() throws -> [PickleValue] {
        guard let m = marks.popLast(), m <= stack.count else { throw fail("pickle has no mark at byte \(position)") }
        let items = Array(stack[m...])
        stack.removeSubrange(m...)
        return items
    }

    private mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw fail("pickle ends without STOP (truncated)") }
        position += 1
        return bytes[position - 1]
    }

    private mutating func take(_ n: Int) throws -> [UInt8] {
        guard n >= 0, n <= bytes.count - position else { throw fail("pickle ends inside a value (truncated)") }
        position += n
        return Array(bytes[position - n..<position])
    }

    /// Little-endian unsigned integer of `n` bytes.
    private mutating func uint(_ n: Int) throws -> Int {
        let b = try take(n)
        guard n < 8 || b[7] & 0x80 == 0 else { throw fail("pickle length out of range") }
        return b.reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// Two's-complement little-endian integer of `n` bytes (LONG1/LONG4); up to 64 bits.
    private mutating func long(_ n: Int) throws -> Int {
        guard n <= 8 else { throw fail("pickle integer wider than 64 bits") }
        let b = try take(n)
        guard !b.isEmpty else { return 0 }
        var v = b.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if n < 8, b[n - 1] & 0x80 != 0 { v |= ~UInt64(0) << (8 * UInt64(n)) }
        return Int(Int64(bitPattern: v))
    }

    private mutating func text(_ n: Int) throws -> String { String(decoding: try take(n), as: UTF8.self) }

    private mutating func line() throws -> String {
        guard let nl = bytes[position...].firstIndex(of: 0x0A) else { throw fail("pickle GLOBAL without a newline") }
        let s = String(decoding: bytes[position..<nl], as: UTF8.self)
        position = nl + 1
        return s
    }
}
