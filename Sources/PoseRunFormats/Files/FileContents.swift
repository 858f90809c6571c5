import Foundation

/// Reads a whole file for the readers. An empty file is answered without `Data(contentsOf:)`, which leaks
/// the 4 kB buffer it allocates for one (swift-foundation's readBytesFromFile; the openpose fuzz target's
/// leak check found it).
enum FileContents {
    static func read(_ url: URL) throws -> Data {
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber, size.intValue == 0,
           FileManager.default.isReadableFile(atPath: url.path) {
            return Data()
        }
        return try Data(contentsOf: url)
    }
}
