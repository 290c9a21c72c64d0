/// Turns the date stamps news pages carry into ISO 8601 (`2025-11-28`): ISO dates as they are,
/// `November 28, 2025`, `Nov. 28, 2025`, `28 November 2025`, `11/28/2025` (US order).
enum DateText {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func iso(_ text: String) -> String? {
        let parts = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        var year: Int?
        var month: Int?
        var day: Int?
        var numbers: [Int] = []
        for part in parts {
            if let number = Int(part) {
                if part.count == 4 { year = number } else { numbers.append(number) }
            } else if let index = months.firstIndex(where: { part.hasPrefix($0) }) {
                month = index + 1
            }
        }
        if month == nil {
            // 2025-11-28 or 11/28/2025.
            guard numbers.count >= 2 else { return nil }
            (month, day) = (numbers[0], numbers[1])
        } else {
            day = numbers.first
        }
        guard let year, let month, let day, (1...12).contains(month), (1...31).contains(day), (1900...2100).contains(year) else { return nil }
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
