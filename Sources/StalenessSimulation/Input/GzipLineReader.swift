import CZlib
import Foundation

/// Reads a text file line by line through zlib, so that plain and gzip-compressed files (recognised
/// by their content, not their name) and standard input (`-`) stream the same way in bounded memory.
final class GzipLineReader {
    private let file: gzFile
    private let path: String
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var finished = false

    /// Opens `path`, or standard input when `path` is `-`.
    /// - Throws: ``UpdateCountFileError/cannotRead(path:reason:)`` with the system's reason.
    init(path: String) throws(UpdateCountFileError) {
        self.path = path == "-" ? "<stdin>" : path
        let opened: gzFile?
        if path == "-" {
            let descriptor = dup(STDIN_FILENO)
            opened = descriptor >= 0 ? gzdopen(descriptor, "rb") : nil
        } else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw .cannotRead(path: path, reason: String(cString: strerror(EISDIR)))
            }
            opened = gzopen(path, "rb")
        }
        guard let opened else { throw .cannotRead(path: self.path, reason: String(cString: strerror(errno))) }
        file = opened
    }

    deinit { gzclose(file) }

    /// Copies the next line, without its `\n` or `\r\n`, into `line`; returns false at the end of input.
    /// - Throws: ``UpdateCountFileError/cannotRead(path:reason:)`` when reading or decompressing fails.
    func next(into line: inout [UInt8]) throws(UpdateCountFileError) -> Bool {
        line.removeAll(keepingCapacity: true)
        while true {
            if let newline = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                line.append(contentsOf: buffer[start..<newline])
                start = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return true
            }
            line.append(contentsOf: buffer[start..<end])
            start = 0
            end = 0
            if finished { break }
            try refill()
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return !line.isEmpty
    }

    private func refill() throws(UpdateCountFileError) {
        let capacity = UInt32(buffer.count)
        let read = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, capacity) }
        if read < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
            throw .cannotRead(path: path, reason: code == Z_ERRNO ? String(cString: strerror(errno)) : message)
        }
        end = Int(read)
        if read == 0 { finished = true }
    }
}
