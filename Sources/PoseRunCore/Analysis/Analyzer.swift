/// An analysis with the cleaned keypoints it measured (input orientation, frame for frame), and what the
/// player's frame-by-frame angles are read from, so that nothing is measured twice.
public struct MeasuredRun: Sendable {
    public let analysis: Analysis
    public let cleaned: KeypointSequence
    let profileBuilder: ProfileBuilder?

    /// The player's angles and key moments; `nil` when the analysis found no running or no leg length.
    public var frameByFrame: FrameByFrame? {
        profileBuilder.map { FrameByFrame(builder: $0, cleaned: cleaned, events: analysis.events) }
    }
}

/// From a keypoint sequence to a full analysis: clean → orient → events → steps → summary → assessment.
public struct Analyzer: Sendable {
    public var configuration: AnalysisConfiguration

    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        self.configuration = configuration
    }

    /// Landmarks without which nothing can be measured: the hips (body) and some point of each foot.
    static let essentialLandmarks: [Landmark] = [.leftHip, .rightHip]

    /// Analyses a sequence. `name` is how the input is named in the output; `context` is what the input's
    /// reader knows (frame-rate source, notes, camera view), which travels into the analysis.
    public func analyze(_ input: KeypointSequence, name: String, context: InputContext = InputContext()) throws -> Analysis {
        try analyzeKeepingCleaned(input, name: name, context: context).analysis
    }

    /// The same, with the cleaned keypoints (input orientation, frame for frame) that were measured: what
    /// the report's player and the annotated video draw, so they need not clean the input again.
    ///
    /// The one place an `Analysis` is built: measured, described by its input, and with the gait-cycle
    /// profiles and key frames the report draws (none when no running was found).
    public func analyzeKeepingCleaned(
        _ input: KeypointSequence, name: String, context: InputContext = InputContext()
    ) throws -> MeasuredRun {
        let measured = try measure(input, name: name)
        var analysis = measured.analysis
        analysis.input.frameRateSource = context.frameRateSource
        analysis.input.notes = context.notes.isEmpty ? nil : context.notes
        if let cameraView = context.cameraView { analysis = analysis.addingCameraView(cameraView) }
        // The body kinematics the events were found on serve the profiles too (they were a third of a long
        // analysis when built again); slow motion measured on retimed keypoints builds its own.
        let builder = measured.kinematics.flatMap { ProfileBuilder(cleaned: measured.cleaned, oriented: $0, analysis: analysis) }
            ?? ProfileBuilder(cleaned: measured.cleaned, analysis: analysis)
        analysis.gaitCycleProfiles = builder.map { GaitCycleProfiles(builder: $0, lengthUnit: measured.cleaned.lengthUnit) }
        return MeasuredRun(analysis: analysis, cleaned: measured.cleaned, profileBuilder: builder)
    }

    /// What `measure` found; `kinematics` is that of `cleaned` oriented to the direction of travel, when
    /// the events were found on it (not for slow motion, measured on retimed keypoints).
    private struct Measured {
        var analysis: Analysis
        var cleaned: KeypointSequence
        var kinematics: BodyKinematics?
    }

    /// The measurement, on the capture clock for a regular pulldown (`Pulldown`): measured on the distinct
    /// frames as filmed, then told on the container's frames, where a viewer sees them.
    private func measure(_ input: KeypointSequence, name: String) throws -> Measured {
        guard input.sourceKind == .video, let pulldown = Pulldown.find(in: input) else {
            return try measureAtInputClock(input, name: name)
        }
        guard let capture = pulldown.captureSequence(of: input), capture.sequence.frameCount >= configuration.minimumFrames else {
            return try measureAtInputClock(input, name: name)
        }
        // The swap corrector's easing at low rates (`fullSwapEvidenceFrameRate`) was set with these clips at their
        // container's rate, the repeats bridged; it is kept as set rather than tuned again on the capture clock.
        var atCapture = self
        atCapture.configuration.cleaning.fullSwapEvidenceFrameRate *= pulldown.captureFrameRate / pulldown.containerFrameRate
        let measured = try atCapture.measureAtInputClock(capture.sequence, name: name)
        return Measured(
            analysis: measured.analysis.placedOnContainer(capture, pulldown: pulldown, original: input),
            cleaned: capture.containerFrames(of: measured.cleaned, container: input), kinematics: nil)
    }

    /// The measurement: events, steps, summary and assessment at the input's rate, or as slow motion.
    private func measureAtInputClock(_ input: KeypointSequence, name: String) throws -> Measured {
        // A video whose legs swing slower than anyone runs is analysed as if filmed that much faster; if it then
        // shows running, it is slow motion (told, not scored), otherwise it is analysed at its own rate (a walk).
        // Legs slower than any walk are slow motion whatever the contacts show.
        // The cleaning at the input's own rate serves both the slow-motion check and the analysis at that rate.
        guard input.sourceKind == .video, input.frameCount >= configuration.minimumFrames else {
            return try analyzeAtGivenRate(input, name: name)
        }
        var cleaning: KeypointCleaner.Result? = KeypointCleaner(configuration: configuration.cleaning).clean(input)
        if let sequence = cleaning?.sequence, let estimate = slowMotionEstimate(sequence, givenFrameRate: input.frameRate) {
            // The retimed analysis cleans its own copy; this one is let go meanwhile (a long clip's cleaned keypoints
            // are some 0.4 kB a frame) and made again in the rare case that the clip is analysed at its own rate after all.
            cleaning = nil
            let retimed = input.retimed(playingSlowerBy: estimate.factor)
            let slowed = Result { try analyzeAtGivenRate(retimed, name: name) }
            if let slowed = try? slowed.get(), slowed.analysis.running.isRunning || estimate.isCertain {
                var cleaned = slowed.cleaned
                cleaned.times = input.times
                cleaned.frameRate = input.frameRate
                return Measured(analysis: slowed.analysis.tellingSlowMotion(estimate, original: input), cleaned: cleaned)
            }
            if estimate.isCertain, case .failure(let error) = slowed {
                throw AnalysisError.slowMotionUntimed(estimate: estimate, detail: "\(error)")
            }
        }
        return try analyzeAtGivenRate(input, name: name, cleaning: cleaning)
    }

    /// The slow-motion estimate from the legs' rhythm in a cleaned sequence at the rate given, or nil.
    func slowMotionEstimate(_ cleaned: KeypointSequence, givenFrameRate: Double) -> SlowMotionEstimate? {
        guard let direction = TravelDirection.detect(in: cleaned) else { return nil }
        let kinematics = BodyKinematics(sequence: TravelDirection.oriented(cleaned, sign: direction.sign))
        return SlowMotionEstimate.estimate(
            rhythm: LegRhythm.find(in: kinematics.sequence, midHip: kinematics.midHip), givenFrameRate: givenFrameRate)
    }

    /// `cleaning`: the input already cleaned, when the caller has it.
    private func analyzeAtGivenRate(
        _ input: KeypointSequence, name: String, cleaning given: KeypointCleaner.Result? = nil
    ) throws -> Measured {
        guard input.frameCount >= configuration.minimumFrames else {
            throw AnalysisError.tooFewFrames(count: input.frameCount, minimum: configuration.minimumFrames)
        }
        let missingEssential = Self.essentialLandmarks.filter { !input.has($0) }
        if missingEssential.count == Self.essentialLandmarks.count {
            throw AnalysisError.missingLandmarks(missingEssential)
        }
        let hasFoot = Side.allCases.contains { side in [Landmark.heel(side), .toe(side), .ankle(side)].contains { input.has($0) } }
        guard hasFoot else { throw AnalysisError.missingLandmarks(Side.allCases.flatMap { [Landmark.heel($0), .toe($0), .ankle($0)] }) }

        // Clean: gate, swaps, spikes, gaps, zero-lag low-pass.
        let cleaning = given ?? KeypointCleaner(configuration: configuration.cleaning).clean(input)
        var findings = cleaning.report.findings
        let swappedFrames = cleaning.report.swappedFrameCount
        if swappedFrames > 0 { findings.append(.legsSwapped(frames: swappedFrames)) }
        let merged = cleaning.report.mergedLegFrames.count
        if merged > 0 { findings.append(.legsMerged(frames: merged)) }

        // Orient so forward is +x.
        guard let direction = TravelDirection.detect(in: cleaning.sequence) else {
            throw AnalysisError.noPersonMoving(detail: "the feet do not move relative to the body")
        }
        let sequence = TravelDirection.oriented(cleaning.sequence, sign: direction.sign)
        let kinematics = BodyKinematics(sequence: sequence)
        guard let legLength = kinematics.legLength, legLength > 0 else {
            throw AnalysisError.missingLandmarks([.leftHip, .rightHip, .leftHeel, .rightHeel])
        }

        // The legs' rhythm, found without events; it bounds how soon a foot can land again.
        let rhythm = LegRhythm.find(in: sequence, midHip: kinematics.midHip)

        // Events.
        let detector = GaitEventDetector(configuration: configuration.events)
        let detection = detector.detect(
            in: sequence, legLength: legLength, midHip: kinematics.midHip, rhythm: rhythm,
            filterCutoffHz: cleaning.report.filterCutoffHz ?? .infinity)
        findings += detection.findings
        let speeds = detection.feet.values.map(\.speed)
        let slowest = configuration.minimumFootSpeedLegLengthsPerSecond
        if let fastest = speeds.max(), fastest < slowest * legLength {
            throw AnalysisError.noPersonMoving(detail: "the feet move less than \(slowest) leg lengths per second relative to the hips")
        }
        // Too few contacts for a step to be timed still gives an analysis, with every metric not measurable and why,
        // so that no number that looks like a measurement comes out of a clip without a usable stride.
        let contacts = detection.events.filter { $0.kind == .initialContact }.count
        let tooFewContacts = contacts < configuration.minimumInitialContacts

        // Scale.
        let metresPerUnit: Double?
        let scale: LengthScale
        if sequence.lengthUnit == .metres {
            metresPerUnit = 1
            scale = .metresFromInput
        } else if let leg = configuration.legLengthMetres {
            metresPerUnit = leg / legLength
            scale = .metresFromLegLength
        } else if let height = configuration.runnerHeightMetres {
            metresPerUnit = height * Anthropometry.legLengthFractionOfHeight / legLength
            scale = .metresFromHeight(legLengthFraction: Anthropometry.legLengthFractionOfHeight)
        } else {
            metresPerUnit = nil
            scale = .legLengths
        }

        // Steps and summary.
        var measurer = StepMeasurer(
            kinematics: kinematics, feet: detection.feet, metresPerUnit: metresPerUnit,
            treadmillSpeed: configuration.treadmillSpeedMetresPerSecond,
            rearfootThresholdDegrees: PoseMethodTargets.rearfootAboveDegrees,
            contactLagFrames: 1)
        measurer.missedContactRatio = configuration.missedContactStepRatio
        measurer.missedContactMinimumSteps = configuration.missedContactMinimumSteps
        let measured = measurer.measure(events: detection.events)
        let steps = measured.steps
        if measured.stepsSpanningMissedContacts > 0 {
            findings.append(.stepsAcrossMissedContacts(
                steps: measured.stepsSpanningMissedContacts, ratio: configuration.missedContactStepRatio))
        }
        let running = RunningClassifier.classify(
            steps: steps, minimumFlightSeconds: configuration.minimumFlightFrames / sequence.distinctFrameRate)
        let summarizer = MetricSummarizer(
            sequence: sequence, steps: steps, inMetres: metresPerUnit != nil,
            centreOfMassMethod: kinematics.centreOfMassMethod, configuration: configuration)
        var summary = summarizer.summarize()
        findings += summarizer.findings
        let cadenceCheck = rhythm.map { CadenceCheck(rhythm: $0, eventStepsPerMinute: summary[Metric.cadence]?.measured?.mean) }
        if let cadenceCheck, cadenceCheck.agrees == false, let events = cadenceCheck.eventStepsPerMinute,
           case .measured(var cadence)? = summary[Metric.cadence] {
            findings.append(.cadenceDisagrees(eventStepsPerMinute: events, rhythmStepsPerMinute: cadenceCheck.rhythmStepsPerMinute))
            cadence.quality = .poor
            cadence.notes.append("disagrees with the legs' rhythm (\(Int(cadenceCheck.rhythmStepsPerMinute.rounded())) steps/min)")
            summary[Metric.cadence] = .measured(cadence)
        }
        let pattern = FootStrikeClassifier.classify(steps: steps)
        let assessment = PoseMethodAssessor().assess(steps: steps, summary: summary, isRunning: running.isRunning)

        var quality = DataQuality(
            frames: input.frameCount,
            framesWithConfidentPose: cleaning.report.framesWithConfidentPose,
            interpolatedSamples: cleaning.report.interpolatedSamples,
            swapsCorrected: swappedFrames,
            missingLandmarks: Landmark.allCases.filter { !input.has($0) },
            filterCutoffHz: cleaning.report.filterCutoffHz ?? 0,
            findings: findings
        )
        quality.cadenceCheck = cadenceCheck
        quality.eventSpan = detection.span
        quality.framesWithConfidentLegs = cleaning.report.framesWithConfidentLegs
        quality.framesWithConfidentArms = cleaning.report.framesWithConfidentArms
        if !input.repeatedFrames.isEmpty { quality.distinctFramesPerSecond = input.distinctFrameRate }
        let setting = Self.setting(
            kinematics: kinematics, legLength: legLength, sequence: sequence,
            overgroundTravel: configuration.overgroundTravelLegLengths)
        let description = InputDescription(
            name: name, sourceKind: input.sourceKind, frameRate: input.frameRate, frameCount: input.frameCount,
            durationSeconds: input.duration, lengthUnit: scale, directionOfTravel: direction.sign,
            setting: setting, centreOfMassMethod: kinematics.centreOfMassMethod, metresPerInputUnit: metresPerUnit)
        var analysis = Analysis(
            input: description, running: running, events: detection.events, steps: steps, summary: summary,
            footStrikePattern: pattern, assessment: assessment, quality: quality)
        if tooFewContacts {
            analysis = analysis.withoutMeasurements(
                because: "Found \(contacts) foot contact(s); at least \(configuration.minimumInitialContacts) (two steps) are needed to time a step. "
                    + "Record more strides, side-on, with the feet in view.")
        } else if let spread = measured.disagreeingSteps {
            analysis = analysis.withoutMeasurements(
                because: "The \(spread.count) steps timed take \(DecimalText.fixed(spread.shortest, 2)) s to "
                    + "\(DecimalText.fixed(spread.longest, 2)) s, more than \(DecimalText.fixed(configuration.missedContactStepRatio, 2))× apart, "
                    + "and too few are timed to tell which is wrong (a contact missed or found twice). "
                    + "Record more strides, side-on, with the feet in view.")
        } else if let cadence = StepMeasurer.implausiblyQuickCadence(
            detection.events, fastest: AnalysisConfiguration.fastestRunningStepsPerMinute) {
            analysis = analysis.withoutMeasurements(
                because: "The steps found come at \(Int(cadence.rounded())) a minute, faster than anyone runs "
                    + "(about \(Int(AnalysisConfiguration.fastestRunningStepsPerMinute)) at most), so contacts were found "
                    + "where there were none, or the clip plays faster than it was filmed. "
                    + "Record more strides, side-on, with the feet in view, at the rate it was filmed.")
        }
        return Measured(analysis: analysis, cleaned: cleaning.sequence, kinematics: kinematics)
    }

    /// Overground when the hips travel more than `overgroundTravel` leg lengths through the clip; otherwise in place
    /// (treadmill, or a camera panning with the runner: the image cannot tell these apart).
    static func setting(kinematics: BodyKinematics, legLength: Double, sequence: KeypointSequence, overgroundTravel: Double) -> Setting {
        let xs = kinematics.midHip.compactMap { $0?.x }
        guard let first = xs.first, let last = xs.last else { return .unknown }
        if abs(last - first) > overgroundTravel * legLength { return .overground }
        return sequence.sourceKind == .video ? .inPlace : .treadmill
    }
}

extension Analysis {
    /// The analysis of a clip without a usable stride (fewer contacts than a step needs, or too few steps that
    /// disagree): its events stay, every metric is not measurable and says `why`, no step carries a number,
    /// and nothing is scored.
    func withoutMeasurements(because why: String) -> Analysis {
        var a = self
        for key in a.summary.keys { a.summary[key] = .notMeasurable(reason: "Not measurable: \(why)") }
        a.steps = steps.map { var s = $0; s.metrics = [:]; return s }
        a.running = RunningCheck(isRunning: false, reason: "Running could not be confirmed: \(why)")
        a.footStrikePattern = FootStrikePattern(pattern: nil, counts: [:], note: "Not measurable: \(why)")
        a.assessment = PoseMethodAssessor().assess(steps: a.steps, summary: a.summary, isRunning: false)
        a.quality.cadenceCheck = a.quality.cadenceCheck.map { var c = $0; c.eventStepsPerMinute = nil; c.differencePercent = nil; return c }
        return a
    }
}
