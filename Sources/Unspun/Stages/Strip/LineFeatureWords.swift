extension LineFeatures {
    /// English function words (jusText's insight: prose is dense with them, menus are not).
    static let stopwords: [String] = """
        a about above after again against all am an and any are as at be because been before being below between both but by \
        can could did do does doing down during each few for from further had has have having he her here hers herself him \
        himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other \
        our ours ourselves out over own same she should so some such than that the their theirs them themselves then there \
        these they this those through to too under until up very was we were what when where which while who whom why will \
        with would you your yours yourself yourselves also said says may might must shall us one new like get
        """.split(separator: " ").map(String.init)

    /// Words that mark page furniture: sharing, signing up, navigation, legal and comment prompts.
    static let boilerplateWords: [String] = """
        share shares facebook twitter linkedin whatsapp pinterest email print subscribe subscribed subscription newsletter \
        newsletters signup login logout register account cookie cookies privacy policy terms copyright reserved rights \
        menu home navigation skip advertisement advertising sponsored related recommended trending popular comments comment \
        reply follow download app apps click tap contact careers sitemap donate support membership podcast video watch read \
        more next previous prev back top search loading
        """.split(separator: " ").map(String.init)
}
