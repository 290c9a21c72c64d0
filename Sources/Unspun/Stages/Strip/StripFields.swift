import Foundation

/// The metadata a document's lines gave up.
struct StripFields {
    var byline: String?
    var dateline: (place: String, agency: String)?
    var date: String?
    var captions: [String] = []
    var credits: [String] = []
    var source: String?
    var headings: [String] = []
    var removed: [(kind: String, text: String, rule: String)] = []
    /// Rules whose search reached its limit, once per line.
    var limitedRules: [String] = []
    /// Whether the sentence-like lines were kept of a text that would have lost every line.
    var keptSentences = false

    mutating func record(_ field: String, text: String, line: String, groups: [String?], pattern: Pattern) {
        let value = (groups.dropFirst().compactMap { $0 }.first ?? text).trimmingCharacters(in: .whitespaces)
        switch field {
        case "byline": if byline == nil { byline = value }
        case "dateline":
            if dateline == nil, let place = pattern.groupNumber("place").flatMap({ groups[$0] }),
                let agency = pattern.groupNumber("agency").flatMap({ groups[$0] })
            {
                dateline = (place.trimmingCharacters(in: .whitespaces), agency)
            }
        case "date": if date == nil { date = DateText.iso(value) ?? value }
        case "caption": captions.append(line)
        case "credits": credits.append(text.trimmingCharacters(in: .whitespaces))
        case "source": if source == nil { source = value }
        default: break
        }
    }

    var json: JSONObject {
        var object = JSONObject()
        if let byline { object["byline"] = .string(byline) }
        if let dateline { object["dateline"] = .object(JSONObject([("place", .string(dateline.place)), ("agency", .string(dateline.agency))])) }
        if let date { object["date"] = .string(date) }
        if !captions.isEmpty { object["captions"] = .array(captions.map(JSONValue.string)) }
        if !credits.isEmpty { object["credits"] = .array(credits.map(JSONValue.string)) }
        if let source { object["source"] = .string(source) }
        object["headings"] = .array(headings.map(JSONValue.string))
        object["removed"] = .array(removed.map { .object(JSONObject([("kind", .string($0.kind)), ("text", .string($0.text)), ("rule", .string($0.rule))])) })
        var notes = Set(limitedRules).sorted().map(RuleLimitNote.json)
        if keptSentences {
            notes.append(.object(JSONObject([("kind", .string("kept-sentences")), ("note", .string(StripStage.keptSentencesNote))])))
        }
        if !notes.isEmpty { object["notes"] = .array(notes) }
        return object
    }
}
