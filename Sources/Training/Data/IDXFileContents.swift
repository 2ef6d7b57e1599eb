import CZlib
import Foundation

/// The decoded bytes of an IDX file on disk, decompressed when the file is gzip-compressed.
///
/// Compression is recognised by the gzip magic bytes 1f 8b, not by the file name, so a `.gz` file
/// that was unpacked in place still reads correctly.
enum IDXFileContents {
    /// Reads the file at `url` and returns its (decompressed) bytes.
    /// - Throws: `IDXError.cannotRead` when the file cannot be read, `IDXError.corruptGzip` when
    ///   it is gzip data that does not decompress completely, `IDXError.inflatesTooFar` when it
    ///   decompresses to more than its IDX header declares (or than ``maximumSize``).
    static func read(_ url: URL) throws(IDXError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: url, options: .mappedIfSafe))
        } catch {
            throw .cannotRead(path: url.path, reason: Self.describe(error))
        }
        guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { return bytes }
        return try gunzip(bytes, path: url.path)
    }

    /// Decompresses every gzip member in `compressed`, in order, as `gunzip` does.
    static func gunzip(_ compressed: [UInt8], path: String) throws(IDXError) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: maximum window, gzip wrapper only.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corruptGzip(path: path, reason: "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }

        // The gzip trailer stores the uncompressed size modulo 2^32: a good first guess, but
        // bounded by deflate's maximum ratio and a first chunk, so that a damaged trailer (or a
        // bomb) cannot ask for gigabytes before the IDX header has been seen.
        let n = compressed.count
        let trailerSize = n >= 4
            ? Int(compressed[n - 4]) | Int(compressed[n - 3]) << 8 | Int(compressed[n - 2]) << 16
                | Int(compressed[n - 1]) << 24
            : 0
        var output = [UInt8](repeating: 0, count: max(1 << 16, min(trailerSize, n &* 1032, firstChunk)))
        var produced = 0
        var consumed = 0
        // What the data may inflate to: the size its IDX header declares once decoded, else the maximum.
        var limit = maximumSize
        var headerSeen = false

        while true {
            if produced == output.count {
                // One byte beyond the limit is room enough to notice data past it.
                output.append(contentsOf: repeatElement(0, count: min(output.count, limit + 1 - output.count)))
            }
            let status: Int32 = compressed.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    // zlib never writes through next_in; the C declaration just lacks `const`.
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                    stream.avail_in = UInt32(input.count - consumed)
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = UInt32(min(out.count - produced, Int(UInt32.max)))
                    let before = (stream.avail_in, stream.avail_out)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    consumed += Int(before.0 - stream.avail_in)
                    produced += Int(before.1 - stream.avail_out)
                    return status
                }
            }
            if !headerSeen, let declared = declaredLength(output, produced: produced) {
                headerSeen = true
                guard declared <= maximumSize else {
                    throw .badDimensions(path: path, reason: "the header declares \(declared == .max ? "more than \(Int.max)" : "\(declared)") bytes, more than the supported maximum \(maximumSize)")
                }
                limit = declared
            }
            guard produced <= limit else { throw .inflatesTooFar(path: path, limit: limit) }
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // Concatenated members decode as one file; anything else after a member is damage.
                guard consumed < n else {
                    output.removeLast(output.count - produced)
                    return output
                }
                guard inflateReset(&stream) == Z_OK else {
                    throw .corruptGzip(path: path, reason: "zlib could not restart after a member")
                }
            case Z_BUF_ERROR where consumed == n:
                throw .corruptGzip(path: path, reason: "the compressed data ends early (truncated file)")
            case Z_BUF_ERROR:
                continue
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw .corruptGzip(path: path, reason: message)
            }
        }
    }

    /// The largest IDX file read (decompressed): 1 GiB, twenty times MNIST's training images.
    static let maximumSize = 1 << 30
    /// Bytes inflated before the IDX header can bound the rest.
    private static let firstChunk = 1 << 24

    /// The whole file's length as its IDX header declares it (magic 0 0 type dims, then dims
    /// big-endian sizes), once the first `produced` bytes of `bytes` hold the header; nil before,
    /// or for a header that is not IDX (the parsers then name what is wrong).
    static func declaredLength(_ bytes: [UInt8], produced: Int) -> Int? {
        guard produced >= 4, bytes[0] == 0, bytes[1] == 0 else { return produced >= 4 ? maximumSize : nil }
        let elementSize: Int
        switch bytes[2] {
        case 0x08, 0x09: elementSize = 1
        case 0x0B: elementSize = 2
        case 0x0C, 0x0D: elementSize = 4
        case 0x0E: elementSize = 8
        default: return maximumSize
        }
        let dimensions = Int(bytes[3])
        let header = 4 + 4 * dimensions
        guard produced >= header else { return nil }
        var length = elementSize
        for d in 0..<dimensions {
            let (product, overflow) = length.multipliedReportingOverflow(by: Int(IDXHeader.uint32(bytes, at: 4 + 4 * d)))
            guard !overflow else { return .max }
            length = product
        }
        return header + length
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return String(cString: strerror(ENOENT))
        }
        return nsError.localizedDescription
    }
}
