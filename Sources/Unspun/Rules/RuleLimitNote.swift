/// The note strip leaves in `metadata.notes` when a rule's pattern reached its search limit on a
/// line (`Pattern.LimitReached`) and the rule was skipped there: the line stays, and the record
/// says which rule could not decide it. `clean` counts these in report.json (`rule_limits`); the
/// stage commands name the record and rule on standard error.
public enum RuleLimitNote {
    static let kind = "rule-limit"

    static func json(_ rule: String) -> JSONValue {
        .object(
            JSONObject([
                ("kind", .string(kind)), ("rule", .string(rule)),
                ("note", .string("the rule's pattern reached its search limit on a line and was skipped there")),
            ]))
    }

    /// The rules that a document's notes say were cut short.
    public static func rules(in document: Document) -> [String] {
        (document.metadata["notes"]?.arrayValue ?? []).compactMap { note in
            guard let object = note.objectValue, object["kind"]?.stringValue == kind else { return nil }
            return object["rule"]?.stringValue
        }
    }
}
