"""Reference sentences for the embedding parity checks (written for this project).

`SENTENCES` holds 300 inputs: hand-written English, French, German, Spanish, Chinese,
Japanese and emoji lines, edge cases (empty, whitespace, control characters, very long
words, a text longer than the model's 256-token window), then deterministic template
combinations to reach 300.
"""

HANDWRITTEN = [
    "The kettle clicked off just as the phone started ringing.",
    "A small model can still be a useful model.",
    "Please reset my password; the link in the email expired.",
    "How many tokens does this sentence become after WordPiece?",
    "She parked the bicycle under the old chestnut tree.",
    "Batch size thirty-two, sequence length one hundred and twenty-eight.",
    "Why does the printer only jam on Mondays?",
    "The invoice total was $1,249.99 including tax.",
    "I'd like to cancel my order #A-7731, please.",
    "Rain is forecast for Thursday afternoon in the valley.",
    "Gradient clipping keeps the first few steps from exploding.",
    "Our support line is open from 9am to 5pm, Monday through Friday.",
    "Unbelievably, the undercooked pancakes were still delicious.",
    "The museum's new wing opens to the public next spring.",
    "He wrote the proof on a napkin and lost it on the train.",
    "Can you recommend a quiet restaurant near the harbour?",
    "The quarterly report shows a 12% increase in returns.",
    "My flight was delayed by three hours and nobody told us why.",
    "Neural networks approximate functions; they do not understand them.",
    "Turn left at the bakery, then take the second street on the right.",
    "This product stopped working after two days. Very disappointed!",
    "Absolutely love it, would buy again without hesitation.",
    "The meeting has been moved to room 4B at 14:30.",
    "Children were flying kites on the windy hill above the town.",
    "What's the difference between a lemma and a stem?",
    "Don't forget to water the tomatoes while I'm away.",
    "The algorithm runs in O(n log n) time on sorted input.",
    "A cat sat on the mat; the dog sat on the log.",
    "Is it possible to change the delivery address after checkout?",
    "Mix the flour, sugar and butter until the dough is smooth.",
    "Le chat dort sur le canapé depuis ce matin.",
    "Où se trouve la gare la plus proche, s'il vous plaît ?",
    "Nous avons réservé une chambre avec vue sur la mer.",
    "L'été dernier, j'ai appris à faire du pain au levain.",
    "Ça coûte combien, ce pull en laine d'agneau ?",
    "Die Straßenbahn fährt alle zehn Minuten in die Innenstadt.",
    "Können Sie mir bitte die Rechnung schicken?",
    "Übermorgen beginnt das Sommerfest im Schlossgarten.",
    "Donaudampfschifffahrtsgesellschaftskapitän ist ein langes Wort.",
    "Ich hätte gern zwei Brötchen und einen Kaffee.",
    "¿Dónde está la biblioteca más cercana?",
    "Mañana vamos a la playa si no llueve.",
    "El niño comió una manzana en el jardín.",
    "Me encantó la película, aunque el final fue triste.",
    "¡Qué sorpresa verte por aquí después de tanto tiempo!",
    "我今天早上在公园里跑步。",
    "机器学习是人工智能的一个分支。",
    "请问最近的地铁站在哪里？",
    "这本书非常有意思，我推荐给你。",
    "北京的冬天很冷，但是夏天很热。",
    "今日はとても良い天気ですね。",
    "東京駅までどうやって行けばいいですか？",
    "私は毎朝コーヒーを飲みます。",
    "このレストランのラーメンは美味しいです。",
    "明日の会議は十時に始まります。",
    "🎉🎉🎉 We shipped it! 🚀",
    "I ❤️ pizza 🍕 and tacos 🌮",
    "Weather today: ☀️ then 🌧️, maybe ⛈️ later.",
    "👩‍👩‍👧‍👦 family photo from the weekend",
    "Thumbs up 👍🏽 from the whole team!",
    "",
    "   ",
    "a",
    "!!!",
    "tab\tseparated\tvalues here",
    "line with a bell \u0007 and a null-ish \u0001 control",
    "zero\u200bwidth space and soft\u00adhyphen",
    "Supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
    "ÀÉÎÕÜ àéîõü ÇçÑñ ß ẞ Æ æ Œ œ",
    "Ελληνικά γράμματα: αβγδε, και ένα σημείο στίξης;",
    "Русский текст тоже должен работать правильно.",
    "مرحبا بالعالم",
    "שלום עולם",
    "नमस्ते दुनिया",
    "안녕하세요, 만나서 반갑습니다.",
    "Mixed 日本語 and English in one 文.",
    "http://example.com/path?query=1&lang=en#section",
    "user@example.org wrote: \"see you at 10:00\"",
    "3.14159 2.71828 1.41421 1.73205",
    "ALL CAPS SENTENCE FOR TESTING LOWERCASING",
    " ".join(["long"] * 20 + ["context"] * 20 + ["window"] * 20 + ["truncation", "test"] * 60),
]

SUBJECTS = ["The customer", "My neighbour", "A student", "The engineer", "Our team",
            "The old fisherman", "Every morning the baker", "The new manager"]
VERBS = ["asked about", "complained about", "was delighted with", "wrote a review of",
         "forgot about", "spent the evening fixing", "could not find", "recommended"]
OBJECTS = ["the late delivery.", "the broken umbrella.", "the quarterly budget.",
           "a recipe for lemon cake.", "the train timetable.", "the noisy air conditioner.",
           "the refund policy.", "the hiking trail map.", "a second-hand piano."]
FR = ["Je voudrais", "Elle aimerait", "Nous devons", "Ils vont"]
FR_OBJ = ["acheter du pain frais.", "réserver une table pour deux.", "visiter le château.",
          "apprendre le piano cet été."]
DE = ["Morgen möchte ich", "Wir sollten", "Kannst du"]
DE_OBJ = ["den Zug um acht nehmen?", "die Wohnung aufräumen.", "früher nach Hause gehen."]
ES = ["Quiero", "Necesitamos", "¿Puedes"]
ES_OBJ = ["comprar leche y huevos.", "llamar al médico mañana.", "ayudarme con la tarea?"]


def _templates():
    out = []
    for i, s in enumerate(SUBJECTS):
        for j, v in enumerate(VERBS):
            o = OBJECTS[(i * 3 + j) % len(OBJECTS)]
            out.append(f"{s} {v} {o}")
    for a in FR:
        for b in FR_OBJ:
            out.append(f"{a} {b}")
    for a in DE:
        for b in DE_OBJ:
            out.append(f"{a} {b}")
    for a in ES:
        for b in ES_OBJ:
            out.append(f"{a} {b}")
    emoji = ["🙂", "😂", "🔥", "✅", "🌍", "🎵"]
    for i, s in enumerate(SUBJECTS):
        out.append(f"{s} {VERBS[-1 - i % len(VERBS)]} {OBJECTS[i]} {emoji[i % len(emoji)]}")
    zh = ["我喜欢", "他们想", "我们需要"]
    zh_obj = ["学习新的语言。", "去海边旅行。", "买一台新电脑。"]
    for a in zh:
        for b in zh_obj:
            out.append(a + b)
    ja = ["週末に", "来年は", "毎日"]
    ja_obj = ["本を読みます。", "日本へ行きたいです。", "料理を作ります。"]
    for a in ja:
        for b in ja_obj:
            out.append(a + b)
    return out


def _all():
    items = list(HANDWRITTEN) + _templates()
    k = 0
    while len(items) < 300:  # questions built from the template sentences
        s = SUBJECTS[k % len(SUBJECTS)]
        o = OBJECTS[(k * 5) % len(OBJECTS)].rstrip(".")
        items.append(f"Why did {s.lower()} mention {o} again (case {k})?")
        k += 1
    return items[:300]


SENTENCES = _all()
