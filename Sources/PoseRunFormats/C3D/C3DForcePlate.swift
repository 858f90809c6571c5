/// A force plate described by the FORCE_PLATFORM group.
public struct C3DForcePlate: Sendable, Hashable {
    /// 1-based plate number, in FORCE_PLATFORM order.
    public var number: Int
    /// FORCE_PLATFORM:TYPE: 1 (Fx Fy Fz Px Py Tz), 2 (Fx Fy Fz Mx My Mz), 3 (Kistler, 8 channels),
    /// 4 (like 2, raw, with a calibration matrix).
    public var type: Int
    /// FORCE_PLATFORM:CHANNEL: 1-based analog channel numbers, in the order the type defines.
    public var channels: [Int]
    /// FORCE_PLATFORM:CORNERS: four corners in the lab frame, in POINT:UNITS.
    public var corners: [SIMD3<Double>]
    /// FORCE_PLATFORM:ORIGIN: from the plate's surface centre to its sensor origin, plate frame.
    public var origin: SIMD3<Double>
    /// FORCE_PLATFORM:CAL_MATRIX values for a type-4 plate, as stored (first index fastest); empty otherwise.
    public var calibrationMatrix: [Double]

    public init(number: Int, type: Int, channels: [Int], corners: [SIMD3<Double>], origin: SIMD3<Double>, calibrationMatrix: [Double] = []) {
        self.number = number
        self.type = type
        self.channels = channels
        self.corners = corners
        self.origin = origin
        self.calibrationMatrix = calibrationMatrix
    }

    /// The centre of the plate's surface in the lab frame, in POINT:UNITS (mean of the corners).
    public var centre: SIMD3<Double>? {
        guard corners.count == 4 else { return nil }
        return corners.reduce(SIMD3<Double>(repeating: 0), +) / 4
    }
}
