public import Foundation
import PoseRunCore

/// Reads C3D files: header, parameter section, 3D points, analog data, events, force plates.
///
/// Handles integer and float storage on all three processor types (Intel, DEC/VAX, MIPS/SGI).
/// Every read is bounds-checked: a truncated or corrupt file gives a `C3DReadError` that names
/// the file, the section and the byte offset.
public enum C3DReader {
    static let blockSize = 512
    /// The second header byte of every C3D file.
    static let headerKey: UInt8 = 0x50
    /// Header word 150 holds this when the header event block is in use.
    static let headerEventKey: UInt16 = 0x3039
    /// Files larger than any recording could need are refused rather than allocated.
    static let maximumFrameCount = 10_000_000

    /// Reads the C3D file at `url`.
    public static func read(contentsOf url: URL) throws -> C3DFile {
        let data: Data
        do {
            data = try FileContents.read(url)
        } catch {
            throw C3DReadError(fileName: url.path, section: .file, byteOffset: nil,
                               problem: "cannot be opened (\(error.localizedDescription)); check the path and permissions")
        }
        // The path as given, as the other readers name their file.
        return try read(bytes: [UInt8](data), fileName: url.path)
    }

    /// Reads a C3D file already in memory; `fileName` is used in error messages.
    public static func read(bytes: [UInt8], fileName: String) throws(C3DReadError) -> C3DFile {
        var file = C3DBytes(bytes: bytes, fileName: fileName)
        guard bytes.count >= blockSize else {
            throw file.error(.header, bytes.count, "the file is \(bytes.count) bytes, shorter than the 512-byte C3D header; it is truncated or not a C3D file")
        }
        guard bytes[1] == headerKey else {
            throw file.error(.header, 1, "byte 2 is \(bytes[1]), not the C3D key 80; this is not a C3D file")
        }
        let parameterBlock = Int(bytes[0])
        guard parameterBlock >= 2 else {
            throw file.error(.header, 0, "the parameter section is said to start at block \(parameterBlock), which must be 2 or later")
        }
        let parameterStart = (parameterBlock - 1) * blockSize
        let processorByte = try file.uint8(at: parameterStart + 3, .parameterBlock(1))
        guard let processor = C3DProcessorType(rawValue: processorByte) else {
            throw file.error(.parameterBlock(1), parameterStart + 3, "processor type \(processorByte) is not one C3D defines (84 Intel, 85 DEC, 86 MIPS)")
        }
        file.processor = processor

        let header = try readHeader(file, parameterBlock: parameterBlock)
        let groups = try readParameters(file, start: parameterStart)
        return try assemble(file, header: header, groups: groups)
    }

    // MARK: - Header

    static func readHeader(_ file: C3DBytes, parameterBlock: Int) throws(C3DReadError) -> C3DFile.Header {
        func word(_ number: Int) throws(C3DReadError) -> Int { Int(try file.uint16(at: 2 * (number - 1), .header)) }
        return C3DFile.Header(
            parameterBlock: parameterBlock,
            pointCount: try word(2),
            analogValuesPerFrame: try word(3),
            firstFrame: try word(4),
            lastFrame: try word(5),
            maxInterpolationGap: try word(6),
            scale: try file.float(at: 12, .header),
            dataStartBlock: try word(9),
            analogSamplesPerFrame: try word(10),
            frameRate: try file.float(at: 20, .header)
        )
    }

    static func readHeaderEvents(_ file: C3DBytes) throws(C3DReadError) -> [C3DEvent] {
        guard try file.uint16(at: 298, .header) == headerEventKey else { return [] }
        let count = min(18, Int(try file.uint16(at: 300, .header)))
        var events: [C3DEvent] = []
        for index in 0..<count {
            let time = try file.float(at: 304 + 4 * index, .header)
            let label = try file.string(at: 396 + 4 * index, length: 4, .header)
            guard time.isFinite else { continue }
            events.append(C3DEvent(context: "", label: label, time: time, source: .header))
        }
        return events.sorted { $0.time < $1.time }
    }

    // MARK: - Parameters

    static func readParameters(_ file: C3DBytes, start: Int) throws(C3DReadError) -> [C3DParameterGroup] {
        func block(_ offset: Int) -> C3DReadError.Section { .parameterBlock((offset - start) / blockSize + 1) }

        var groupsByID: [Int: C3DParameterGroup] = [:]
        var groupOrder: [Int] = []
        var parametersByGroup: [Int: [C3DParameter]] = [:]
        var position = start + 4
        while position < file.count {
            let nameLength = Int(try file.int8(at: position, block(position)))
            if nameLength == 0 { break }
            let groupID = Int(try file.int8(at: position + 1, block(position)))
            if groupID == 0 { break }
            let name = try file.string(at: position + 2, length: abs(nameLength), block(position))
            let offsetPosition = position + 2 + abs(nameLength)
            let offset = Int(try file.int16(at: offsetPosition, block(offsetPosition)))
            var cursor = offsetPosition + 2

            if groupID < 0 {
                let description = try readDescription(file, at: &cursor, block(cursor))
                let id = -groupID
                if groupsByID[id] == nil { groupOrder.append(id) }
                groupsByID[id] = C3DParameterGroup(id: id, name: name, description: description, isLocked: nameLength < 0)
            } else {
                let typeCode = Int(try file.int8(at: cursor, block(cursor)))
                let dimensionCount = Int(try file.uint8(at: cursor + 1, block(cursor)))
                cursor += 2
                try file.check(cursor, dimensionCount, block(cursor))
                let dimensions = (0..<dimensionCount).map { Int(file.bytes[cursor + $0]) }
                cursor += dimensionCount
                var elementCount = 1
                for dimension in dimensions {
                    let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
                    guard !overflow, product <= file.count else {
                        throw file.error(block(position), position, "parameter \(name) has dimensions \(dimensions), larger than the whole file; the parameter section is corrupt")
                    }
                    elementCount = product
                }
                let value: C3DParameter.Value
                switch typeCode {
                case -1:
                    try file.check(cursor, elementCount, block(cursor))
                    value = .characters(Array(file.bytes[cursor..<(cursor + elementCount)]))
                    cursor += elementCount
                case 1:
                    try file.check(cursor, elementCount, block(cursor))
                    value = .bytes(file.bytes[cursor..<(cursor + elementCount)].map { Int8(bitPattern: $0) })
                    cursor += elementCount
                case 2:
                    try file.check(cursor, 2 * elementCount, block(cursor))
                    value = .integers((0..<elementCount).map { Int16(bitPattern: file.uncheckedUInt16(at: cursor + 2 * $0)) })
                    cursor += 2 * elementCount
                case 4:
                    try file.check(cursor, 4 * elementCount, block(cursor))
                    value = .floats((0..<elementCount).map { file.uncheckedFloat(at: cursor + 4 * $0) })
                    cursor += 4 * elementCount
                default:
                    throw file.error(block(position), offsetPosition + 2, "parameter \(name) has data type \(typeCode); C3D defines only −1 (char), 1 (byte), 2 (int16) and 4 (float)")
                }
                let description = try readDescription(file, at: &cursor, block(cursor))
                parametersByGroup[groupID, default: []].append(
                    C3DParameter(name: name, description: description, isLocked: nameLength < 0, dimensions: dimensions, value: value))
            }

            if offset == 0 { break }
            let next = offsetPosition + offset
            guard next > position else {
                throw file.error(block(offsetPosition), offsetPosition, "the link to the next parameter (\(offset) bytes) points backwards; the parameter section is corrupt")
            }
            position = next
        }

        // Parameters whose group record is missing still get a group, so nothing is lost.
        for id in parametersByGroup.keys.sorted() where groupsByID[id] == nil {
            groupOrder.append(id)
            groupsByID[id] = C3DParameterGroup(id: id, name: "GROUP\(id)")
        }
        return groupOrder.compactMap { id in
            guard var group = groupsByID[id] else { return nil }
            group.parameters = parametersByGroup[id] ?? []
            return group
        }
    }

    static func readDescription(_ file: C3DBytes, at cursor: inout Int, _ section: C3DReadError.Section) throws(C3DReadError) -> String {
        let length = Int(try file.uint8(at: cursor, section))
        let text = try file.string(at: cursor + 1, length: length, section)
        cursor += 1 + length
        return text
    }

    // MARK: - Data

    static func assemble(_ file: C3DBytes, header: C3DFile.Header, groups: [C3DParameterGroup]) throws(C3DReadError) -> C3DFile {
        let lookup = ParameterLookup(groups: groups)

        // Sizes and storage
        let pointCount = lookup.unsigned("POINT", "USED") ?? header.pointCount
        let scale = lookup.double("POINT", "SCALE") ?? header.scale
        guard scale.isFinite, scale != 0 else {
            throw file.error(.parameterBlock(1), nil, "POINT:SCALE is \(scale); it must be a non-zero number (negative for float data)")
        }
        let usesFloats = scale < 0
        let wordSize = usesFloats ? 4 : 2
        let pointRate = lookup.double("POINT", "RATE") ?? header.frameRate
        guard pointRate.isFinite, pointRate > 0 else {
            throw file.error(.header, 20, "the point frame rate is \(pointRate); it must be a positive number of frames per second")
        }
        if let violation = Plausibility.frameRateViolation(pointRate, field: "POINT:RATE") {
            throw file.error(.header, 20, "\(violation); the file's rate parameter is corrupt")
        }

        var firstFrame = header.firstFrame
        var lastFrame = header.lastFrame
        // Files longer than 65535 frames keep the full 32-bit numbers in TRIAL (low word first).
        if let start = lookup.unsignedArray("TRIAL", "ACTUAL_START_FIELD"), start.count >= 2,
           let end = lookup.unsignedArray("TRIAL", "ACTUAL_END_FIELD"), end.count >= 2 {
            let trialFirst = start[0] + start[1] << 16, trialLast = end[0] + end[1] << 16
            if trialFirst > 0, trialLast >= trialFirst { firstFrame = trialFirst; lastFrame = trialLast }
        }
        let frameCount = lastFrame >= firstFrame ? lastFrame - firstFrame + 1 : 0
        guard frameCount <= maximumFrameCount else {
            throw file.error(.header, 6, "frames \(firstFrame)…\(lastFrame) is more than any recording holds; the header is corrupt")
        }

        let analogChannelCount: Int
        if let used = lookup.unsigned("ANALOG", "USED"), used > 0 || header.analogValuesPerFrame == 0 {
            analogChannelCount = used
        } else if header.analogSamplesPerFrame > 0 {
            analogChannelCount = header.analogValuesPerFrame / header.analogSamplesPerFrame
        } else {
            analogChannelCount = 0
        }
        let analogValuesPerFrame = analogChannelCount > 0 ? header.analogValuesPerFrame : 0
        let analogSamplesPerFrame = analogChannelCount > 0 ? analogValuesPerFrame / analogChannelCount : 0
        guard analogChannelCount == 0 || analogValuesPerFrame % analogChannelCount == 0 else {
            throw file.error(.header, 4, "\(analogValuesPerFrame) analog values per frame do not divide among ANALOG:USED = \(analogChannelCount) channels")
        }

        // Data section bounds
        var dataStartBlock = header.dataStartBlock
        if dataStartBlock == 0, let fromParameter = lookup.unsigned("POINT", "DATA_START") { dataStartBlock = fromParameter }
        guard dataStartBlock >= 2 else {
            throw file.error(.header, 16, "the data section is said to start at block \(dataStartBlock); it must be 2 or later")
        }
        let dataStart = (dataStartBlock - 1) * blockSize
        let frameBytes = (pointCount * 4 + analogValuesPerFrame) * wordSize
        if frameCount > 0, frameBytes > 0 {
            let available = file.count - dataStart
            if available < frameCount * frameBytes {
                let wholeFrames = max(0, available) / frameBytes
                throw file.error(.frame(firstFrame + wholeFrames), dataStart + wholeFrames * frameBytes,
                                 "the file ends at byte \(file.count) inside frame \(firstFrame + wholeFrames); \(frameCount) frames of \(frameBytes) bytes were expected from byte \(dataStart). The file is truncated")
            }
        }

        // Points
        let absoluteScale = abs(scale)
        var positions = Array(repeating: [SIMD3<Double>](), count: pointCount)
        var residuals = Array(repeating: [Double](), count: pointCount)
        for point in 0..<pointCount {
            positions[point].reserveCapacity(frameCount)
            residuals[point].reserveCapacity(frameCount)
        }
        let analogScales = analogScaling(lookup, channelCount: analogChannelCount)
        let unsignedAnalog = (lookup.string("ANALOG", "FORMAT") ?? "").uppercased() == "UNSIGNED"
        var analogChannels = Array(repeating: [Double](), count: analogChannelCount)
        for channel in 0..<analogChannelCount { analogChannels[channel].reserveCapacity(frameCount * analogSamplesPerFrame) }

        for frame in 0..<frameCount {
            var cursor = dataStart + frame * frameBytes
            for point in 0..<pointCount {
                let x, y, z, residual: Double
                var valid: Bool
                if usesFloats {
                    x = file.uncheckedFloat(at: cursor)
                    y = file.uncheckedFloat(at: cursor + 4)
                    z = file.uncheckedFloat(at: cursor + 8)
                    let word = file.uncheckedFloat(at: cursor + 12)
                    if word.isFinite, abs(word) < 2_147_483_648 {
                        // The float holds the 16-bit residual word's value. Some writers (Vicon
                        // Workstation) store its unsigned reading, so −1 arrives as 65535.
                        let integer = Int(word)
                        valid = integer >= 0 && Int16(truncatingIfNeeded: integer) >= 0
                        residual = Double(integer & 0xFF) * absoluteScale
                    } else {
                        valid = false
                        residual = -1
                    }
                } else {
                    x = Double(Int16(bitPattern: file.uncheckedUInt16(at: cursor))) * scale
                    y = Double(Int16(bitPattern: file.uncheckedUInt16(at: cursor + 2))) * scale
                    z = Double(Int16(bitPattern: file.uncheckedUInt16(at: cursor + 4))) * scale
                    let word = Int16(bitPattern: file.uncheckedUInt16(at: cursor + 6))
                    valid = word >= 0
                    residual = Double(word & 0xFF) * absoluteScale
                }
                cursor += 4 * wordSize
                if valid {
                    positions[point].append(SIMD3(x, y, z))
                    residuals[point].append(residual)
                } else {
                    positions[point].append(SIMD3(repeating: .nan))
                    residuals[point].append(-1)
                }
            }
            for _ in 0..<analogSamplesPerFrame {
                for channel in 0..<analogChannelCount {
                    let raw: Double
                    if usesFloats {
                        raw = file.uncheckedFloat(at: cursor)
                    } else {
                        let word = file.uncheckedUInt16(at: cursor)
                        raw = unsignedAnalog ? Double(word) : Double(Int16(bitPattern: word))
                    }
                    cursor += wordSize
                    let (offset, channelScale) = analogScales[channel]
                    analogChannels[channel].append((raw - offset) * channelScale)
                }
            }
        }

        // Labels and units
        var labels = lookup.strings("POINT", "LABELS")
        if labels.count < pointCount { labels += (labels.count..<pointCount).map { "POINT\($0 + 1)" } }
        labels = Array(labels.prefix(pointCount))
        var analogLabels = lookup.strings("ANALOG", "LABELS")
        if analogLabels.count < analogChannelCount { analogLabels += (analogLabels.count..<analogChannelCount).map { "CHANNEL\($0 + 1)" } }
        analogLabels = Array(analogLabels.prefix(analogChannelCount))

        let analogRate: Double
        if let rate = lookup.double("ANALOG", "RATE"), rate.isFinite, rate > 0 {
            analogRate = rate
        } else {
            analogRate = pointRate * Double(max(1, analogSamplesPerFrame))
        }
        let analog = C3DAnalogData(
            labels: analogLabels, units: lookup.strings("ANALOG", "UNITS"), rate: analogRate,
            samplesPerPointFrame: analogSamplesPerFrame, channels: analogChannels)

        return C3DFile(
            fileName: file.fileName, processorType: file.processor, header: header, usesFloatStorage: usesFloats,
            groups: groups, pointLabels: labels, pointUnits: lookup.string("POINT", "UNITS") ?? "",
            pointRate: pointRate, firstFrameNumber: firstFrame, pointPositions: positions, pointResiduals: residuals,
            analog: analog, events: parameterEvents(lookup), headerEvents: try readHeaderEvents(file),
            forcePlates: forcePlates(lookup))
    }

    /// Per-channel (offset, scale × GEN_SCALE); missing entries mean offset 0, scale 1.
    static func analogScaling(_ lookup: ParameterLookup, channelCount: Int) -> [(Double, Double)] {
        let generalScale = lookup.double("ANALOG", "GEN_SCALE").flatMap { $0.isFinite ? $0 : nil } ?? 1
        let scales = lookup.doubles("ANALOG", "SCALE")
        let unsigned = (lookup.string("ANALOG", "FORMAT") ?? "").uppercased() == "UNSIGNED"
        let offsets = unsigned ? lookup.unsignedArray("ANALOG", "OFFSET") ?? [] : lookup.integers("ANALOG", "OFFSET")
        return (0..<channelCount).map { channel in
            let scale = channel < scales.count && scales[channel].isFinite ? scales[channel] : 1
            let offset = channel < offsets.count ? Double(offsets[channel]) : 0
            return (offset, scale * generalScale)
        }
    }

    static func parameterEvents(_ lookup: ParameterLookup) -> [C3DEvent] {
        let times = lookup.doubles("EVENT", "TIMES")
        let labels = lookup.strings("EVENT", "LABELS")
        let contexts = lookup.strings("EVENT", "CONTEXTS")
        let used = lookup.unsigned("EVENT", "USED") ?? times.count / 2
        let count = min(used, times.count / 2)
        var events: [C3DEvent] = []
        for index in 0..<count {
            let time = times[2 * index] * 60 + times[2 * index + 1]
            guard time.isFinite else { continue }
            events.append(C3DEvent(
                context: index < contexts.count ? contexts[index] : "",
                label: index < labels.count ? labels[index] : "",
                time: time))
        }
        return events.sorted { $0.time < $1.time }
    }

    static func forcePlates(_ lookup: ParameterLookup) -> [C3DForcePlate] {
        guard let used = lookup.unsigned("FORCE_PLATFORM", "USED"), used > 0 else { return [] }
        let types = lookup.integers("FORCE_PLATFORM", "TYPE")
        let channelParameter = lookup.parameter("FORCE_PLATFORM", "CHANNEL")
        let channels = channelParameter?.integers ?? []
        let channelsPerPlate = channelParameter.flatMap { $0.dimensions.count >= 2 ? $0.dimensions[0] : nil } ?? 6
        let corners = lookup.doubles("FORCE_PLATFORM", "CORNERS")
        let origins = lookup.doubles("FORCE_PLATFORM", "ORIGIN")
        let calibration = lookup.doubles("FORCE_PLATFORM", "CAL_MATRIX")
        return (0..<used).map { plate in
            let type = plate < types.count ? types[plate] : 0
            let plateChannels = Array(channels.dropFirst(plate * channelsPerPlate).prefix(channelsPerPlate))
            var plateCorners: [SIMD3<Double>] = []
            if corners.count >= (plate + 1) * 12 {
                plateCorners = (0..<4).map { corner in
                    let base = plate * 12 + corner * 3
                    return SIMD3(corners[base], corners[base + 1], corners[base + 2])
                }
            }
            let origin = origins.count >= (plate + 1) * 3
                ? SIMD3(origins[plate * 3], origins[plate * 3 + 1], origins[plate * 3 + 2]) : SIMD3<Double>(repeating: 0)
            let matrixSize = channelsPerPlate * channelsPerPlate
            let matrix = type == 4 && calibration.count >= (plate + 1) * matrixSize
                ? Array(calibration[(plate * matrixSize)..<((plate + 1) * matrixSize)]) : []
            return C3DForcePlate(number: plate + 1, type: type, channels: plateChannels, corners: plateCorners,
                                 origin: origin, calibrationMatrix: matrix)
        }
    }
}
