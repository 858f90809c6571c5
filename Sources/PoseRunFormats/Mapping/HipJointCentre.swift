import PoseRunCore

/// Estimates the hip joint centres from pelvis markers, because the ASIS markers sit on the front
/// of the pelvis, several centimetres in front of, above and outside the joint the leg turns about.
///
/// Harrington et al. 2007, *J Biomech* 40:595–602, regression on pelvic width (PW, ASIS to ASIS)
/// and pelvic depth (PD, mid-ASIS to mid-PSIS), in millimetres, in the pelvis frame
/// (origin mid-ASIS; x anterior, y superior, z to the right):
///
///     x = −0.24 PD − 9.9     y = −0.30 PW − 10.9     z = ±(0.33 PW + 7.3)   (+ right, − left)
///
/// Its leave-one-out error was about 5 mm per axis. Where the file has a single sacral marker
/// instead of two PSIS markers, the sacral marker stands in for mid-PSIS (as Plug-in Gait does).
public enum HipJointCentre {
    /// Slope and offset of each coordinate, Harrington 2007 (PW and PD model), lengths in mm.
    static let anteriorPerDepth = -0.24, anteriorOffsetMillimetres = -9.9
    static let superiorPerWidth = -0.30, superiorOffsetMillimetres = -10.9
    static let lateralPerWidth = 0.33, lateralOffsetMillimetres = 7.3

    /// A short citation for reports.
    public static let method = "Harrington et al. 2007 regression on pelvic width and depth"

    /// The left and right hip joint centres for one frame, in metres, in the markers' own frame;
    /// `nil` when a marker is missing or the pelvis markers are degenerate.
    public static func estimate(
        leftASIS: SIMD3<Double>, rightASIS: SIMD3<Double>, midPosterior: SIMD3<Double>
    ) -> (left: SIMD3<Double>, right: SIMD3<Double>)? {
        for p in [leftASIS, rightASIS, midPosterior] {
            guard p.x.isFinite, p.y.isFinite, p.z.isFinite else { return nil }
        }
        let origin = (leftASIS + rightASIS) / 2
        let across = rightASIS - leftASIS
        let width = length(across)
        guard width > 1e-6 else { return nil }
        let right = across / width
        let back = origin - midPosterior
        let forwardRaw = back - right * dot(back, right)
        let depthVector = origin - midPosterior
        let depth = length(depthVector)
        let forwardLength = length(forwardRaw)
        guard forwardLength > 1e-6 else { return nil }
        let forward = forwardRaw / forwardLength
        let up = cross(right, forward)

        let pw = width * 1000, pd = depth * 1000
        let ant = (anteriorPerDepth * pd + anteriorOffsetMillimetres) / 1000
        let sup = (superiorPerWidth * pw + superiorOffsetMillimetres) / 1000
        let lat = (lateralPerWidth * pw + lateralOffsetMillimetres) / 1000
        let common = origin + forward * ant + up * sup
        return (left: common - right * lat, right: common + right * lat)
    }

    static func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }
    static func length(_ a: SIMD3<Double>) -> Double { dot(a, a).squareRoot() }
    static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }
}
