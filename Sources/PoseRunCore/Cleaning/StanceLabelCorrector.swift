/// Keeps a planted foot's label through its contact, on clips where the runner crosses a static camera's view.
///
/// On a short 30 fps clip the swap corrector's motion evidence can fail: a pose model's mislocated frame can
/// sit between the two feet's paths, so that a label exchange through it looks like smooth motion
/// (jogging-overground-side.mp4, frames 13–15). One fact does not depend on smoothness: seen by a static
/// camera, a foot on the ground stays put in the image, and it cannot change sides in mid-contact. So the
/// foot observations, of either label, that stay near one place for several frames are one planted foot; the
/// label most of them carry is its side, and in frames where the other label holds it the feet are exchanged
/// back — with the knees too when that keeps both shanks nearer their usual length.
///
/// Only used when the hips travel across the view (overground in front of a still camera): on a treadmill or
/// under a panning camera a planted foot moves in the image and nothing is changed.
struct StanceLabelCorrector: Sendable {
    /// A planted foot's observations stay within this many leg lengths of their mean.
    var toleranceLegLengths: Double
    /// Fewest frames that make a planted foot.
    var minimumFrames: Int
    /// Fewest leg lengths the hips must travel across the view.
    var minimumTravelLegLengths: Double
    /// See `filmedByStillCamera`.
    var stillCameraHipSpeedFraction: Double

    /// Exchanges mislabelled feet back in place; returns the frames changed.
    func correct(_ tracks: inout [Landmark: LandmarkTrack], frameCount n: Int, legLength: Double) -> [Int] {
        guard n >= minimumFrames, legLength > 0, hipTravel(tracks, n) >= minimumTravelLegLengths * legLength else { return [] }
        let tolerance = toleranceLegLengths * legLength
        let observations = Side.allCases.map { side in (0..<n).map { footCentre(tracks, side, $0) } }
        guard filmedByStillCamera(tracks, observations, n) else { return [] }

        // Clusters of observations near one place, built forward in time (a gap of one frame allowed).
        struct Cluster {
            var members: [(frame: Int, side: Int)] = []
            var sumX = 0.0, sumY = 0.0
            var centre: PlanePoint { PlanePoint(x: sumX / Double(members.count), y: sumY / Double(members.count)) }
            var lastFrame: Int { members.last?.frame ?? -10 }
        }
        var clusters: [Cluster] = []
        var active: [Int] = []
        for f in 0..<n {
            active = active.filter { clusters[$0].lastFrame >= f - 2 }
            // Nearest pairs first, so a foot passing close by cannot take a planted foot's place.
            var pairs: [(cluster: Int, side: Int, distance: Double)] = []
            for side in 0..<2 {
                guard let p = observations[side][f] else { continue }
                for k in active {
                    let d = clusters[k].centre.distance(to: p)
                    if d < tolerance { pairs.append((k, side, d)) }
                }
            }
            pairs.sort { $0.distance < $1.distance }
            var taken: Set<Int> = [], placed: Set<Int> = []
            for pair in pairs where !taken.contains(pair.cluster) && !placed.contains(pair.side) {
                guard let p = observations[pair.side][f] else { continue }
                clusters[pair.cluster].members.append((f, pair.side))
                clusters[pair.cluster].sumX += p.x
                clusters[pair.cluster].sumY += p.y
                taken.insert(pair.cluster)
                placed.insert(pair.side)
            }
            for side in 0..<2 where !placed.contains(side) {
                guard let p = observations[side][f] else { continue }
                var c = Cluster()
                c.members.append((f, side))
                c.sumX = p.x
                c.sumY = p.y
                clusters.append(c)
                active.append(clusters.count - 1)
            }
        }
        // A planted foot is also the lower foot in most of its frames: a swinging foot that the pose model
        // tracks poorly behind the stance leg can look still for a few frames, but it is well above the ground.
        let lowest = Side.allCases.map { side in (0..<n).map { lowestPoint(tracks, side, $0) } }
        let planted = clusters.filter { c in
            let lower = c.members.filter { m in (lowest[m.side][m.frame] ?? .infinity) <= (lowest[1 - m.side][m.frame] ?? .infinity) }
            return Set(c.members.map(\.frame)).count >= minimumFrames && 2 * lower.count >= c.members.count
        }
        var plantedAt = Set<[Int]>()
        for c in planted { for m in c.members { plantedAt.insert([m.frame, m.side]) } }

        var exchange: [Int] = []
        for c in planted {
            let lefts = c.members.filter { $0.side == 0 }.count, rights = c.members.count - lefts
            guard lefts != rights else { continue }
            let majority = lefts > rights ? 0 : 1
            // Exchanged only where the majority label is elsewhere: not planted, and not near this foot's place.
            for m in c.members where m.side != majority && !plantedAt.contains([m.frame, majority]) {
                let elsewhere = observations[majority][m.frame].map { c.centre.distance(to: $0) >= tolerance } ?? true
                if elsewhere { exchange.append(m.frame) }
            }
        }
        let shank = medianShank(tracks, n)
        for f in Set(exchange).sorted() {
            for (l, r) in [(Landmark.leftAnkle, Landmark.rightAnkle), (.leftHeel, .rightHeel), (.leftToe, .rightToe)] {
                swapSamples(&tracks, l, r, f)
            }
            if let shank, shankError(tracks, f, shank, kneesExchanged: true) < shankError(tracks, f, shank, kneesExchanged: false) {
                swapSamples(&tracks, .leftKnee, .rightKnee, f)
            }
        }
        return Set(exchange).sorted()
    }

    /// A still camera sees the hips cross the image at about the running speed, and the feet move relative to
    /// the hips at about that speed too (backward in stance, forward in swing); a camera panning with the runner
    /// keeps the hips nearly still in the image. So: the hips' net image speed is at least
    /// `stillCameraHipSpeedFraction` of the feet's median speed relative to the hips (per frame, both feet).
    private func filmedByStillCamera(_ tracks: [Landmark: LandmarkTrack], _ feet: [[PlanePoint?]], _ n: Int) -> Bool {
        let hips = (0..<n).map { f -> Double? in
            let h = [Landmark.leftHip, .rightHip].compactMap { tracks[$0]?.point(at: f) }
            return h.isEmpty ? nil : h.map(\.x).reduce(0, +) / Double(h.count)
        }
        let present = hips.indices.filter { hips[$0] != nil }
        guard let a = present.first, let b = present.last, b > a, let xa = hips[a], let xb = hips[b] else { return false }
        let hipSpeed = abs(xb - xa) / Double(b - a)
        var relative: [Double] = []
        for side in 0..<2 {
            for f in 1..<n {
                if let p = feet[side][f], let q = feet[side][f - 1], let h = hips[f], let g = hips[f - 1] {
                    relative.append(abs((p.x - h) - (q.x - g)))
                }
            }
        }
        guard let footSpeed = Signal.median(relative), footSpeed > 0 else { return false }
        return hipSpeed >= stillCameraHipSpeedFraction * footSpeed
    }

    private func hipTravel(_ tracks: [Landmark: LandmarkTrack], _ n: Int) -> Double {
        let xs = (0..<n).compactMap { f -> Double? in
            let hips = [Landmark.leftHip, .rightHip].compactMap { tracks[$0]?.point(at: f) }
            return hips.isEmpty ? nil : hips.map(\.x).reduce(0, +) / Double(hips.count)
        }
        guard let lo = xs.min(), let hi = xs.max() else { return 0 }
        return hi - lo
    }

    /// Mid-point of heel and toe, or the ankle.
    private func footCentre(_ tracks: [Landmark: LandmarkTrack], _ side: Side, _ f: Int) -> PlanePoint? {
        if let h = tracks[.heel(side)]?.point(at: f), let t = tracks[.toe(side)]?.point(at: f) { return .midpoint(h, t) }
        return tracks[.ankle(side)]?.point(at: f)
    }

    /// Height of the lowest of heel, toe and ankle.
    private func lowestPoint(_ tracks: [Landmark: LandmarkTrack], _ side: Side, _ f: Int) -> Double? {
        [Landmark.heel(side), .toe(side), .ankle(side)].compactMap { tracks[$0]?.point(at: f)?.y }.min()
    }

    private func medianShank(_ tracks: [Landmark: LandmarkTrack], _ n: Int) -> Double? {
        var lengths: [Double] = []
        for side in Side.allCases {
            for f in 0..<n {
                if let k = tracks[.knee(side)]?.point(at: f), let a = tracks[.ankle(side)]?.point(at: f) { lengths.append(k.distance(to: a)) }
            }
        }
        return Signal.median(lengths)
    }

    private func shankError(_ tracks: [Landmark: LandmarkTrack], _ f: Int, _ shank: Double, kneesExchanged: Bool) -> Double {
        var error = 0.0
        for side in Side.allCases {
            let kneeSide = kneesExchanged ? side.opposite : side
            guard let k = tracks[.knee(kneeSide)]?.point(at: f), let a = tracks[.ankle(side)]?.point(at: f) else { continue }
            error += abs(k.distance(to: a) - shank)
        }
        return error
    }

    private func swapSamples(_ tracks: inout [Landmark: LandmarkTrack], _ l: Landmark, _ r: Landmark, _ f: Int) {
        guard var a = tracks[l], var b = tracks[r], a.count > f, b.count > f else { return }
        swap(&a.x[f], &b.x[f])
        swap(&a.y[f], &b.y[f])
        swap(&a.confidence[f], &b.confidence[f])
        tracks[l] = a
        tracks[r] = b
    }
}
