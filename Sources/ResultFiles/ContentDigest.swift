/// FNV-1a (64 bit) digests of bytes, as 16 lowercase hex digits: the identity of a configuration's
/// canonical JSON and of an input file a configuration refers to (a trace). A change detector, not a
/// cryptographic hash.
public enum ContentDigest {
    /// FNV-1a, 64-bit variant (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    public static func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// 16 lowercase hex digits, zero-padded.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The digest of `bytes` as 16 hex digits.
    public static func hexDigest<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String { hex(fnv1a64(bytes)) }
}
