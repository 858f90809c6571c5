import Foundation

extension InputLoader {
    /// Reads a C3D file's markers (metres, the C3D's own time base and frame numbers).
    static func readC3DMarkers(at url: URL) throws -> (trajectories: MarkerTrajectories, notes: [String]) {
        let file = try C3DReader.read(contentsOf: url)
        return (try file.markerTrajectories(), [])
    }
}
