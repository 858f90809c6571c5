/// Judges the measured steps against the Pose Method's criteria (`PoseMethodTargets.rules`).
struct PoseMethodAssessor {
    func assess(steps: [StepRecord], summary: [Metric: MetricSummary], isRunning: Bool) -> Assessment {
        var criteria: [Criterion] = []
        for rule in PoseMethodTargets.rules {
            criteria.append(judge(rule, steps: steps, summary: summary, isRunning: isRunning))
        }
        let measurable = criteria.filter { $0.status != .notMeasurable }
        var score: Double?
        if isRunning, measurable.count >= PoseMethodTargets.minimumCriteriaForScore {
            var sum = 0.0, weights = 0.0
            for c in measurable {
                let v: Double = c.status == .good ? 1 : c.status == .workOnIt ? 0.5 : 0
                sum += v * c.weight
                weights += c.weight
            }
            score = weights > 0 ? (sum / weights * 100).rounded() : nil
        }
        return Assessment(score: score, scoring: PoseMethodTargets.scoringDescription, criteria: criteria)
    }

    private func judge(_ rule: CriterionRule, steps: [StepRecord], summary: [Metric: MetricSummary], isRunning: Bool) -> Criterion {
        func notMeasurable(_ reason: String) -> Criterion {
            Criterion(
                id: rule.id, title: rule.title, metric: rule.metric, measured: nil, unit: rule.unit, target: rule.target,
                status: .notMeasurable, fault: nil, finding: reason, whyItMatters: rule.whyItMatters, evidence: [],
                weight: rule.weight)
        }
        guard isRunning else { return notMeasurable("Not judged: the input does not show running.") }
        guard let entry = summary[rule.metric] else { return notMeasurable("Not measured.") }
        guard case .measured(let m) = entry else {
            if case .notMeasurable(let reason) = entry { return notMeasurable(reason) }
            return notMeasurable("Not measured.")
        }
        let value = m.mean
        let inGood = (rule.target.goodLow.map { value >= $0 } ?? true) && (rule.target.goodHigh.map { value <= $0 } ?? true)
        let isFault = rule.faultAbove ? value > rule.faultBeyond : value < rule.faultBeyond
        // Steps that show the problem: beyond the good range in the rule's bad direction.
        let badSteps = steps.compactMap { step -> Evidence? in
            guard let v = step.metrics[rule.metric] else { return nil }
            let bad = rule.faultAbove ? (rule.target.goodHigh.map { v > $0 } ?? false) : (rule.target.goodLow.map { v < $0 } ?? false)
            return bad ? Evidence(side: step.side, time: step.initialContactTime, frame: step.initialContactFrame, value: v) : nil
        }
        var status: CriterionStatus
        var fault: Fault?
        if isFault {
            status = .fault
            fault = rule.fault
        } else if !inGood {
            status = .workOnIt
            fault = rule.fault
        } else if badSteps.count * 3 >= max(1, m.n) {
            // Good on average, but a third or more of the steps are not.
            status = .workOnIt
            fault = rule.fault
        } else {
            status = .good
        }
        // The lean criterion fails two ways: too little lean is its own fault.
        if rule.id == .leanFromAnkles, let low = rule.target.goodLow, value < low {
            fault = .noForwardLean
        }
        let formatted = format(value, rule.unit)
        let finding: String
        let over = m.n == 1 ? "(1 step)" : "(mean of \(m.n) steps)"
        switch status {
        case .good: finding = "\(formatted) \(over): within the target."
        case .workOnIt: finding = "\(formatted) \(over); \(badSteps.count) of \(m.n) outside the target."
        case .fault: finding = "\(formatted) \(over): beyond \(format(rule.faultBeyond, rule.unit))."
        case .notMeasurable: finding = ""
        }
        let evidence = badSteps.isEmpty
            ? steps.compactMap { st in st.metrics[rule.metric].map { Evidence(side: st.side, time: st.initialContactTime, frame: st.initialContactFrame, value: $0) } }
            : badSteps
        return Criterion(
            id: rule.id, title: rule.title, metric: rule.metric, measured: value, unit: rule.unit, target: rule.target,
            status: status, fault: fault, finding: finding, whyItMatters: rule.whyItMatters, evidence: evidence,
            weight: rule.weight)
    }

    private func format(_ v: Double, _ unit: MetricUnit) -> String {
        let rounded = (v * 100).rounded() / 100
        return unit == .degrees ? "\(rounded)°" : "\(rounded) \(unit.rawValue)"
    }
}
