/// Helpers shared by the IDX image and label parsers: big-endian header fields and length checks.
enum IDXHeader {
    /// The big-endian 32-bit value at `offset`. - Precondition: `offset + 4 <= bytes.count`.
    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// Checks that `bytes` holds a whole header of `header` bytes starting with `magic`, and returns
    /// the item count that follows the magic number.
    /// - Throws: `IDXError.badMagic` for another magic number (even in a file too short for a
    ///   header), `IDXError.truncated` when the header itself is cut off.
    static func checkMagic(_ magic: UInt32, header: Int, of bytes: [UInt8], path: String) throws(IDXError) -> Int {
        if bytes.count >= 4, uint32(bytes, at: 0) != magic {
            throw .badMagic(path: path, found: uint32(bytes, at: 0), expected: magic)
        }
        guard bytes.count >= header else { throw .truncated(path: path, expected: header, actual: bytes.count) }
        return Int(uint32(bytes, at: 4))
    }

    /// The product of `dimensions`: the number of data bytes the header announces.
    /// - Throws: `IDXError.badDimensions` when the product does not fit in an `Int`.
    static func payloadLength(_ dimensions: [Int], path: String) throws(IDXError) -> Int {
        var length = 1
        for dimension in dimensions {
            let (product, overflow) = length.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw .badDimensions(path: path, reason: dimensions.map(String.init).joined(separator: "×") + " is too large")
            }
            length = product
        }
        return length
    }

    /// Checks that `bytes` is exactly a header of `header` bytes followed by `payload` data bytes.
    static func checkLength(of bytes: [UInt8], header: Int, payload: Int, path: String) throws(IDXError) {
        let expected = payload > Int.max - header ? Int.max : header + payload
        if bytes.count < expected { throw .truncated(path: path, expected: expected, actual: bytes.count) }
        if bytes.count > expected { throw .trailingBytes(path: path, extra: bytes.count - expected) }
    }
}
