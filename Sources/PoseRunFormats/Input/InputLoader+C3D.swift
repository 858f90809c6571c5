import Foundation

extension InputLoader {
    /// Reads a C3D file's markers (metres, the C3D's own time base and frame numbers). Reader errors
    /// become `FormatError`s so every input problem reaches the user in one shape.
    static func readC3DMarkers(at url: URL) throws -> (trajectories: MarkerTrajectories, notes: [String]) {
        do {
            let file = try C3DReader.read(contentsOf: url)
            return (try file.markerTrajectories(), [])
        } catch let e as C3DReadError {
            let place = e.byteOffset.map { "\(e.section), byte offset \($0)" } ?? "\(e.section)"
            throw FormatError(
                .malformed, file: e.fileName, location: place, problem: e.problem,
                remedy: "check that the file is a complete C3D (re-export it from the capture software)")
        } catch let e as C3DConversionError {
            throw FormatError(.malformed, file: url.lastPathComponent, problem: "\(e)")
        }
    }
}
