import Foundation
@testable import PoseRunFormats

/// Builds small C3D files in memory, for tests only, in any storage variant: integer or float data,
/// Intel, DEC (VAX floats) or MIPS (big-endian). Written from the C3D specification independently
/// of the reader (its own number encoders), so the reader is checked against values the test chose.
struct C3DTestWriter {
    /// One parameter as it will be stored.
    struct Parameter {
        var name: String
        var locked = false
        var type: Int8
        var dimensions: [Int]
        /// Element values: strings are laid out by the writer from `dimensions`.
        var payload: Payload

        enum Payload {
            case characters([UInt8])
            case bytes([Int8])
            case integers([Int])
            case floats([Double])
        }

        static func strings(_ name: String, _ values: [String], length: Int? = nil, locked: Bool = false) -> Parameter {
            let width = length ?? max(1, values.map(\.utf8.count).max() ?? 1)
            var characters: [UInt8] = []
            for value in values {
                let utf8 = Array(value.utf8.prefix(width))
                characters += utf8 + Array(repeating: 0x20, count: width - utf8.count)
            }
            return Parameter(name: name, locked: locked, type: -1, dimensions: [width, values.count], payload: .characters(characters))
        }
        static func string(_ name: String, _ value: String) -> Parameter {
            Parameter(name: name, type: -1, dimensions: [value.utf8.count], payload: .characters(Array(value.utf8)))
        }
        static func integer(_ name: String, _ value: Int, locked: Bool = false) -> Parameter {
            Parameter(name: name, locked: locked, type: 2, dimensions: [], payload: .integers([value]))
        }
        static func integers(_ name: String, _ values: [Int], dimensions: [Int]? = nil) -> Parameter {
            Parameter(name: name, type: 2, dimensions: dimensions ?? [values.count], payload: .integers(values))
        }
        static func float(_ name: String, _ value: Double) -> Parameter {
            Parameter(name: name, type: 4, dimensions: [], payload: .floats([value]))
        }
        static func floats(_ name: String, _ values: [Double], dimensions: [Int]? = nil) -> Parameter {
            Parameter(name: name, type: 4, dimensions: dimensions ?? [values.count], payload: .floats(values))
        }
        static func bytes(_ name: String, _ values: [Int8]) -> Parameter {
            Parameter(name: name, type: 1, dimensions: [values.count], payload: .bytes(values))
        }
    }

    struct Group {
        var id: Int
        var name: String
        var description = ""
        var locked = false
        var parameters: [Parameter]
    }

    var processor: C3DProcessorType = .intel
    /// Positive: int16 × scale; negative: floats.
    var scale = 0.5
    var pointRate = 100.0
    var firstFrame = 1
    var pointLabels: [String] = []
    var pointUnits = "mm"
    /// [frame][point]; nil marks an invalid point (residual −1).
    var points: [[SIMD3<Double>?]] = []
    /// The residual word's low byte for valid points (camera mask 0x01 in the high byte).
    var residualLowByte = 3
    /// The fourth word of an invalid point in float storage: −1, or 65535 as Vicon writes it.
    var invalidFloatWord = -1.0
    var analogLabels: [String] = []
    var analogSamplesPerFrame = 0
    /// Raw stored values, [channel][sample], frames × samplesPerFrame samples each.
    var analogRaw: [[Double]] = []
    var analogScale: [Double] = []
    var analogOffset: [Int] = []
    var analogGeneralScale = 1.0
    var analogUnsigned = false
    /// (context, label, seconds)
    var events: [(String, String, Double)] = []
    /// (label, seconds) for the header's event block.
    var headerEvents: [(String, Double)] = []
    /// Groups added beside the standard ones (ids from 10).
    var extraGroups: [Group] = []
    /// Parameters added to the standard groups, by group name.
    var extraParameters: [String: [Parameter]] = [:]
    /// Standard parameters left out, as "GROUP:NAME".
    var omitted: Set<String> = []

    var usesFloats: Bool { scale < 0 }
    var frameCount: Int { points.count }

    // MARK: - Encoding numbers

    func int16(_ value: Int) -> [UInt8] {
        let bits = UInt16(bitPattern: Int16(truncatingIfNeeded: value))
        let low = UInt8(bits & 0xFF), high = UInt8(bits >> 8)
        return processor == .mips ? [high, low] : [low, high]
    }

    func float(_ value: Double) -> [UInt8] {
        switch processor {
        case .intel:
            let bits = Float(value).bitPattern
            return [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
        case .mips:
            let bits = Float(value).bitPattern
            return [UInt8(bits >> 24), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits & 0xFF)]
        case .dec:
            return C3DTestWriter.vax(value)
        }
    }

    /// VAX F-floating: value = 0.1fff…(binary) × 2^(exponent − 128), stored as two little-endian
    /// words, the first holding sign, 8-bit exponent and the top 7 fraction bits.
    static func vax(_ value: Double) -> [UInt8] {
        let single = Double(Float(value))
        guard single != 0 else { return [0, 0, 0, 0] }
        let frexp = Foundation.frexp(abs(single)) // single = m × 2^e, 0.5 ≤ m < 1
        let exponent = frexp.1 + 128
        let fraction = Int((frexp.0 * 16_777_216).rounded()) - 8_388_608 // drop the hidden 0.1 bit
        let sign = single < 0 ? 1 : 0
        let high = UInt16(sign << 15 | exponent << 7 | (fraction >> 16))
        let low = UInt16(fraction & 0xFFFF)
        return [UInt8(high & 0xFF), UInt8(high >> 8), UInt8(low & 0xFF), UInt8(low >> 8)]
    }

    // MARK: - Parameters

    func standardGroups() -> [Group] {
        var pointParameters: [Parameter] = [
            .integer("USED", pointLabels.count, locked: true),
            .float("SCALE", scale),
            .float("RATE", pointRate),
            .integer("FRAMES", frameCount),
            .string("UNITS", pointUnits),
        ]
        // Labels past 255 go to LABELS2, as C3D does; tests use a small split to exercise it.
        let split = min(pointLabels.count, labelSplit)
        pointParameters.append(.strings("LABELS", Array(pointLabels.prefix(split)), length: 8))
        if pointLabels.count > split { pointParameters.append(.strings("LABELS2", Array(pointLabels.dropFirst(split)), length: 8)) }
        var analogParameters: [Parameter] = [
            .integer("USED", analogRaw.count),
            .float("RATE", pointRate * Double(analogSamplesPerFrame)),
            .strings("LABELS", analogLabels, length: 6),
            .floats("SCALE", analogScale),
            .integers("OFFSET", analogOffset),
            .float("GEN_SCALE", analogGeneralScale),
        ]
        if analogUnsigned { analogParameters.append(.string("FORMAT", "UNSIGNED")) }
        var groups = [
            Group(id: 1, name: "POINT", description: "3-D point parameters", parameters: pointParameters),
            Group(id: 2, name: "ANALOG", description: "Analog data parameters", parameters: analogParameters),
        ]
        if !events.isEmpty {
            groups.append(Group(id: 3, name: "EVENT", parameters: [
                .integer("USED", events.count),
                .strings("CONTEXTS", events.map(\.0), length: 16),
                .strings("LABELS", events.map(\.1), length: 32),
                .floats("TIMES", events.flatMap { [($0.2 / 60).rounded(.down), $0.2 - 60 * ($0.2 / 60).rounded(.down)] }, dimensions: [2, events.count]),
            ]))
        }
        groups = groups.map { group in
            var group = group
            group.parameters.removeAll { omitted.contains("\(group.name):\($0.name)") }
            group.parameters += extraParameters[group.name] ?? []
            return group
        }
        return groups + extraGroups
    }

    var labelSplit = 255

    func encode(_ parameter: Parameter, groupID: Int, last: Bool) -> [UInt8] {
        var data: [UInt8] = []
        switch parameter.payload {
        case .characters(let characters): data = characters
        case .bytes(let values): data = values.map { UInt8(bitPattern: $0) }
        case .integers(let values): data = values.flatMap { int16($0) }
        case .floats(let values): data = values.flatMap { float($0) }
        }
        let name = Array(parameter.name.utf8)
        let description = Array("test".utf8)
        var record: [UInt8] = [UInt8(bitPattern: Int8(parameter.locked ? -name.count : name.count)), UInt8(bitPattern: Int8(groupID))]
        record += name
        let afterOffset: [UInt8] = [UInt8(bitPattern: parameter.type), UInt8(parameter.dimensions.count)]
            + parameter.dimensions.map { UInt8($0) } + data + [UInt8(description.count)] + description
        record += int16(last ? 0 : afterOffset.count + 2)
        return record + afterOffset
    }

    func encode(_ group: Group) -> [UInt8] {
        let name = Array(group.name.utf8), description = Array(group.description.utf8)
        var record: [UInt8] = [UInt8(bitPattern: Int8(group.locked ? -name.count : name.count)), UInt8(bitPattern: Int8(-group.id))]
        record += name
        record += int16(3 + description.count)
        return record + [UInt8(description.count)] + description
    }

    // MARK: - File

    func bytes() -> [UInt8] {
        // Parameter section: group records first, then parameters, except that extra groups'
        // records come after their parameters (C3D allows any order).
        let groups = standardGroups()
        var records: [[UInt8]] = groups.filter { $0.id < 10 }.map(encode)
        var parameterRecords: [(Parameter, Int)] = []
        for group in groups { parameterRecords += group.parameters.map { ($0, group.id) } }
        for (index, (parameter, id)) in parameterRecords.enumerated() {
            records.append(encode(parameter, groupID: id, last: index == parameterRecords.count - 1 && groups.allSatisfy { $0.id < 10 }))
        }
        let lateGroups = groups.filter { $0.id >= 10 }
        for (index, group) in lateGroups.enumerated() {
            var record = encode(group)
            if index == lateGroups.count - 1 {
                let nameLength = group.name.utf8.count
                record.replaceSubrange((2 + nameLength)..<(4 + nameLength), with: int16(0))
            }
            records.append(record)
        }
        var parameterSection: [UInt8] = [1, 0x50, 0, processor.rawValue] + records.flatMap { $0 } + [0, 0]
        let parameterBlocks = (parameterSection.count + 511) / 512
        parameterSection[2] = UInt8(parameterBlocks)
        parameterSection += Array(repeating: 0, count: parameterBlocks * 512 - parameterSection.count)
        let dataStartBlock = 2 + parameterBlocks

        var header = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], _ offset: Int) { header.replaceSubrange(offset..<(offset + bytes.count), with: bytes) }
        header[0] = 2
        header[1] = 0x50
        put(int16(pointLabels.count), 2)
        put(int16(analogRaw.count * analogSamplesPerFrame), 4)
        put(int16(firstFrame), 6)
        put(int16(firstFrame + frameCount - 1), 8)
        put(int16(10), 10)
        put(float(scale), 12)
        put(int16(dataStartBlock), 16)
        put(int16(analogSamplesPerFrame), 18)
        put(float(pointRate), 20)
        if !headerEvents.isEmpty {
            put(int16(0x3039), 298)
            put(int16(headerEvents.count), 300)
            for (index, event) in headerEvents.enumerated() {
                put(float(event.1), 304 + 4 * index)
                header[376 + index] = 1
                let label = Array(event.0.utf8.prefix(4))
                put(label + Array(repeating: 0x20, count: 4 - label.count), 396 + 4 * index)
            }
        }

        var data: [UInt8] = []
        for frame in 0..<frameCount {
            for point in points[frame] {
                if let point {
                    if usesFloats {
                        data += float(point.x) + float(point.y) + float(point.z) + float(Double(0x100 | residualLowByte))
                    } else {
                        data += int16(Int((point.x / scale).rounded())) + int16(Int((point.y / scale).rounded()))
                            + int16(Int((point.z / scale).rounded())) + int16(0x100 | residualLowByte)
                    }
                } else {
                    data += usesFloats ? float(0) + float(0) + float(0) + float(invalidFloatWord) : int16(0) + int16(0) + int16(0) + int16(-1)
                }
            }
            for sample in 0..<analogSamplesPerFrame {
                for channel in analogRaw {
                    let raw = channel[frame * analogSamplesPerFrame + sample]
                    data += usesFloats ? float(raw) : int16(Int(raw))
                }
            }
        }
        return header + parameterSection + data
    }
}
