import Foundation

/// Turning one input line into a record: UTF-8 decoding and the JSONL or text record.
extension RecordReader {
    struct InvalidUTF8: Error {
        let offset: Int
    }

    /// A text file's one document (`bytes`, all of it), named `id`; also for an engine that
    /// reads the files itself (`MapStep`).
    static func textRecord(_ bytes: [UInt8], id: String, location: SourceLocation, encoding: TextEncoding, allowMarkup: Bool) -> Element {
        if bytes.contains(0) {
            return .failure(InputError(location: location, id: id, reason: "binary data (NUL byte), not text"))
        }
        if !allowMarkup, bytes.withUnsafeBufferPointer(MarkupCheck.looksLikeHTML) {
            return .failure(InputError(location: location, id: id, reason: MarkupCheck.reason))
        }
        switch decode(bytes, encoding: encoding) {
        case .success(let text):
            return .success(Document(id: id, text: text, source: location))
        case .failure(let failure):
            let (line, column) = bytes.withUnsafeBufferPointer { UTF8Validation.lineAndColumn(of: failure.offset, in: $0) }
            return .failure(
                InputError(
                    location: SourceLocation(file: location.file, line: line), id: id,
                    reason: "not valid UTF-8 at column \(column) (byte 0x\(String(bytes[failure.offset], radix: 16, uppercase: true))); "
                        + "declare the file's encoding with --encoding latin-1 or --encoding windows-1252"))
        }
    }

    static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, encoding: TextEncoding) -> Result<String, InvalidUTF8> {
        let utf8 = encoding.utf8Bytes(from: bytes)
        return utf8.withUnsafeBufferPointer { buffer in
            if let text = String(validating: buffer, as: UTF8.self) { return .success(text) }
            return .failure(InvalidUTF8(offset: UTF8Validation.firstInvalidOffset(in: buffer)))
        }
    }

    static func parseRecord(_ line: [UInt8], at location: SourceLocation, encoding: TextEncoding, allowMarkup: Bool) -> Element {
        // Declared legacy encodings convert to valid UTF-8. UTF-8 input is not validated apart:
        // the parser validates every string and rejects any other byte above 0x7F, so only a
        // record that fails to parse needs a look for bad UTF-8, to say that rather than "JSON".
        let bytes = encoding == .utf8 ? line : encoding.utf8Bytes(from: line)
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in try JSONParser.parse(buffer) }
        } catch {
            let invalid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) }
            if invalid < bytes.count {
                return .failure(InputError(location: location, reason: "not valid UTF-8 at byte \(invalid + 1); declare the encoding with --encoding"))
            }
            return .failure(InputError(location: location, reason: "not valid JSON: \(error)"))
        }
        guard let object = value.objectValue else {
            return .failure(InputError(location: location, reason: "a record must be a JSON object, found \(value.typeName)"))
        }
        var id = location.description
        switch object["id"] {
        case .string(let text)?: id = text
        case .number(let text)?: id = text
        case nil, .null?: break
        case let other?: return .failure(InputError(location: location, reason: "\"id\" must be a string or a number, found \(other.typeName)"))
        }
        guard let textValue = object["text"] else {
            return .failure(InputError(location: location, id: id, reason: "the record has no \"text\" field"))
        }
        guard case .string(let text) = textValue else {
            return .failure(InputError(location: location, id: id, reason: "\"text\" must be a string, found \(textValue.typeName)"))
        }
        if !allowMarkup, text.utf8.withContiguousStorageIfAvailable(MarkupCheck.looksLikeHTML) == true {
            return .failure(InputError(location: location, id: id, reason: MarkupCheck.reason))
        }
        var metadata = JSONObject()
        switch object["metadata"] {
        case .object(let fields)?: metadata = fields
        case nil, .null?: break
        case let other?: return .failure(InputError(location: location, id: id, reason: "\"metadata\" must be an object, found \(other.typeName)"))
        }
        var document = Document(id: id, text: text, metadata: metadata, source: location)
        document.record = object
        return .success(document)
    }
}
