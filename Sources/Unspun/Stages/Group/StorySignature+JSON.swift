extension StorySignature {
    /// Reads back the record `json` writes (`unspun group --emit-keys`), for a reduce step that
    /// runs elsewhere (`unspun group --assign`); nil when a field is missing or of the wrong kind.
    public init?(json: JSONValue) {
        guard let object = json.objectValue, let id = object["id"]?.stringValue,
            let minHashes = object["minhash"]?.arrayValue?.compactMap({ $0.numberText.flatMap { UInt32($0) } }), minHashes.count == Self.hashCount,
            let shingles = object["shingles"]?.numberText.flatMap({ Int($0) }),
            let spinScore = object["spin_score"]?.numberText.flatMap({ Double($0) }),
            case .bool(let isWire)? = object["wire"],
            let meanWordLength = object["mean_word_length"]?.numberText.flatMap({ Double($0) }),
            let sentenceValues = object["sentences"]?.arrayValue,
            let residue = object["residue"]?.numberText.flatMap({ Int($0) })
        else { return nil }
        let sentences = sentenceValues.compactMap { $0.numberText.flatMap { UInt32($0) } }
        guard sentences.count == sentenceValues.count else { return nil }
        self.id = id
        self.minHashes = minHashes
        shingleCount = shingles
        self.spinScore = spinScore
        self.isWire = isWire
        self.meanWordLength = meanWordLength
        self.sentences = sentences
        self.residue = residue
    }
}
