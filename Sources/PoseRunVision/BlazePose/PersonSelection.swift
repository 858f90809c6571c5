/// Which detection to follow when several people are in view. MediaPipe's single-pose graph
/// takes the detector's best-scored person each time it re-detects, so a passer-by can take over
/// the track; PoseRun instead picks the person consistent with the one it followed. The numbers
/// below are PoseRun's own choices (not MediaPipe's), with their reasons.
public enum PersonSelection {
    /// How far (in region sides of the person last followed) a re-detected centre may be and
    /// still be the same person, right after the loss. A region side is ~2.5 torso-to-hip lengths
    /// (MediaPipe's 2 × centre-to-scale-point × 1.25), so 0.5 side lets the hips move about one
    /// torso length between frames — more than a sprinter's body moves in one frame at 25 fps
    /// on a panning camera, less than the gap between two runners side by side.
    public static let matchRadiusSides: Float = 0.5
    /// The radius grows by this many sides per second of loss: the person keeps moving while
    /// unseen. Half a side per second: a camera that follows the runner keeps them near the same
    /// place; on the panning 100 m clip a full side per second let a different runner, two
    /// lanes away, pass for the one who had left the picture.
    public static let matchRadiusGrowthSidesPerSecond: Float = 0.5
    /// A re-detected person must be within this size ratio of the last one (either way): the
    /// distance to the camera cannot change much while someone is briefly hidden.
    public static let maxSizeRatio: Float = 1.6
    /// After this long without a match, the best candidate by `firstPerson` rules is taken
    /// as a new track (reported as `newPerson`): someone who stayed out of sight, or a camera
    /// that cut away. 1 s is longer than any occlusion by a passing body at running speeds. (A
    /// runner who left at the picture's side is not waited for: `hasLeftThePicture`.)
    public static let giveUpSeconds: Double = 1.0
    /// A person lost with their hips (the region's centre) within this many region sides of the
    /// picture's left or right edge has left the picture, not gone behind someone: half their body
    /// was already outside. Waiting `giveUpSeconds` for them then only loses the person the camera
    /// is filming (the 100 m clip: a runner leaving at the left edge held the track for 29 frames
    /// while the filmed sprinter ran alone mid-picture). A quarter side is about half a torso
    /// length; heuristic.
    public static let leftThePictureMarginSides: Float = 0.25
    /// ...but never more than this fraction of the picture's width: in a close shot the region can
    /// be wider than the picture, and a quarter of it would reach the middle.
    public static let leftThePictureMarginWidthFraction: Float = 0.1
    /// In the first choice, how much a person's distance from the image centre (in image
    /// diagonals) costs against their size (region side in image diagonals). 0.5: a person twice
    /// as large wins unless they are far off-centre — a filmed runner is usually framed.
    public static let centreDistanceWeight: Float = 0.5

    /// The person a clip's first pose follows: the largest and most central detection (the one
    /// the camera frames), not merely the best-scored.
    public static func firstPerson(among regions: [PoseRegion], imageWidth: Int, imageHeight: Int) -> Int? {
        guard !regions.isEmpty else { return nil }
        let w = Float(imageWidth)
        let h = Float(imageHeight)
        let diagonal = max(1, (w * w + h * h).squareRoot())
        func rank(_ r: PoseRegion) -> Float {
            let dx = r.centreX - w / 2
            let dy = r.centreY - h / 2
            return r.side / diagonal - centreDistanceWeight * (dx * dx + dy * dy).squareRoot() / diagonal
        }
        return regions.indices.max { rank(regions[$0]) < rank(regions[$1]) }
    }

    /// Whether a person last seen in `last` has left the picture at its left or right side: their
    /// hips within `leftThePictureMarginSides` (at most `leftThePictureMarginWidthFraction` of the
    /// width) of the edge, or beyond it. Runners leave sideways; the top and bottom are not exits.
    public static func hasLeftThePicture(_ last: PoseRegion, imageWidth: Int) -> Bool {
        let width = Float(imageWidth)
        let margin = min(leftThePictureMarginSides * last.side, leftThePictureMarginWidthFraction * width)
        return last.centreX < margin || last.centreX > width - margin
    }

    /// The detection that continues the track of a person last seen in `last`, `secondsLost`
    /// ago: the nearest centre within the match radius and size ratio, or `nil` when none fits.
    public static func samePerson(as last: PoseRegion, secondsLost: Double, among regions: [PoseRegion]) -> Int? {
        let radius = last.side * (matchRadiusSides + matchRadiusGrowthSidesPerSecond * Float(max(0, secondsLost)))
        var best: (index: Int, distance: Float)?
        for (i, r) in regions.enumerated() {
            let ratio = r.side / max(last.side, 1e-6)
            guard ratio <= maxSizeRatio, ratio >= 1 / maxSizeRatio else { continue }
            let dx = r.centreX - last.centreX
            let dy = r.centreY - last.centreY
            let distance = (dx * dx + dy * dy).squareRoot()
            guard distance <= radius else { continue }
            if distance < best?.distance ?? .infinity { best = (i, distance) }
        }
        return best?.index
    }
}
