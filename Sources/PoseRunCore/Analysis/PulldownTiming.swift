extension Analysis {
    /// An analysis measured on a pulldown's capture clock, told on the container's clock: every event, step
    /// and piece of evidence at the time and frame a viewer sees it, while durations, rates and angles keep
    /// what the capture clock measured. The findings say the clip was retimed, and count the repeats against
    /// the container's frames.
    func placedOnContainer(
        _ capture: CaptureSequence, pulldown: Pulldown, original: KeypointSequence
    ) -> Analysis {
        var a = self
        a.events = events.map { e in
            var e = e
            e.time = capture.containerTime(e.time)
            e.frame = original.frameNumber(nearest: e.time)
            return e
        }
        a.steps = steps.map { step in
            var s = step
            s.initialContactTime = capture.containerTime(s.initialContactTime)
            s.initialContactFrame = original.frameNumber(nearest: s.initialContactTime)
            s.toeOffTime = s.toeOffTime.map(capture.containerTime)
            s.toeOffFrame = s.toeOffTime.map(original.frameNumber(nearest:))
            return s
        }
        a.assessment.criteria = assessment.criteria.map { criterion in
            var c = criterion
            c.evidence = criterion.evidence.map { evidence in
                var e = evidence
                e.time = capture.containerTime(e.time)
                e.frame = original.frameNumber(nearest: e.time)
                return e
            }
            return c
        }
        a.quality.eventSpan = quality.eventSpan.map { capture.containerTime($0.lowerBound)...capture.containerTime($0.upperBound) }

        // The repeats counted on the container's frames, as before retiming; timing rests on the distinct frames.
        let distinctRate = capture.sequence.distinctFrameRate
        let repeats = original.repeatedFrames.union(pulldown.repeats).count
        var findings: [QualityFinding] = [
            .repeatedFrames(repeated: repeats, frames: original.frameCount, distinctRate: distinctRate, frameRate: original.frameRate),
            .pulldownRetimed(period: pulldown.period, captureRate: pulldown.captureFrameRate),
        ]
        for finding in quality.findings {
            switch finding {
            case .repeatedFrames, .pulldownRetimed: continue
            case .coarseTiming(let rate, _, let recommended):
                findings.append(.coarseTiming(rate: rate, isDistinctRate: true, recommendedRate: recommended))
            default: findings.append(finding)
            }
        }
        a.quality.findings = findings
        a.quality.frames = original.frameCount
        a.quality.distinctFramesPerSecond = distinctRate
        a.input.frameRate = original.frameRate
        a.input.frameCount = original.frameCount
        a.input.durationSeconds = original.duration
        return a
    }
}
