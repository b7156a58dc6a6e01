"""Short reviews of invented products, restaurants and services, positive, negative and mixed."""

PRODUCTS = ["kettle", "pair of walking boots", "rice cooker", "desk lamp", "rucksack", "bluetooth speaker", "electric toothbrush",
            "yoga mat", "coffee grinder", "winter coat", "phone case", "office chair", "air fryer", "pair of headphones",
            "bike light", "duvet", "blender", "kids' scooter", "umbrella", "cast-iron pan", "e-reader", "garden hose"]
PLACES = ["Italian place", "noodle bar", "café", "steakhouse", "vegetarian bistro", "pizzeria", "tapas bar", "bakery",
          "curry house", "seafood restaurant", "dumpling shop", "brunch spot"]
REV_POS = [
 "Bought this {product} in {month} and it's still going strong. Does exactly what it says, nothing more, nothing less.",
 "Honestly the best {product} I've owned, and I've owned a few. Worth every penny of the {price}.",
 "Arrived a day early, well packed, and it works perfectly. Five stars.",
 "I was sceptical about paying {price} for a {product}, but it's beautifully made and I use it every day.",
 "My partner laughed when I ordered a {product} this expensive. She now uses it more than I do.",
 "We had dinner at this {place} on a {weekday} and it was superb: friendly staff, generous portions, and the tiramisu was outstanding.",
 "Tiny {place} with six tables and a chef who clearly loves what she does. Booking is essential.",
 "Great value. Two courses and a drink for {price}, and nobody rushed us out.",
 "Customer service was brilliant: the first one was faulty, and they sent a replacement the next day, no questions asked.",
 "Light, sturdy, easy to clean. I wish everything I bought was this simple.",
 "The staff remembered my order on my second visit. Small thing, but it made my week. 😊",
]
REV_NEG = [
 "Stopped working after {n} weeks. For {price}, I expected a lot more than this.",
 "The {product} looked great in the photos, but the real thing feels cheap and the lid doesn't close properly.",
 "Waited {wait} minutes for our food at this {place}, and when it came it was lukewarm. Won't be back.",
 "Ordered on {date}, still hadn't arrived a month later. Three emails, no reply. Avoid.",
 "The instructions were useless and two screws were missing. It took an hour and a call to my brother to assemble.",
 "Very loud. Much louder than the description suggested. The neighbours have started to complain.",
 "The {place} was fine, I suppose, but {price} for a small bowl of pasta is hard to justify.",
 "Returned it. The colour was nothing like the picture, and the refund took {n} weeks to come through.",
 "Rude service, sticky tables and a bill with two drinks we never ordered. 1/5.",
 "It smells strongly of plastic even after a week of airing. Not what you want from a {product}.",
]
REV_MIX = [
 "Decent {product} for the price, but the battery only lasts about {n} hours, not the twenty they claim.",
 "Food at this {place} is excellent; the service, sadly, is not. Go for the kitchen, not the waiters.",
 "Good quality, but it runs small. I'm normally a medium and needed a large.",
 "It's fine. Does the job. I wouldn't rave about it, but I wouldn't send it back either. 3/5.",
 "Lovely design, fiddly to use. If they fix the button on the side, it'd be perfect.",
 "The first week I loved it. By week {n} the novelty had worn off and the handle had started to wobble.",
 "Cheaper than the big brands and about {pct} as good, which I suppose is fair.",
 "Great location and a beautiful terrace, but the menu hasn't changed since {year} and it shows.",
]
REV_TAIL = [
 "Would I buy it again? Probably, yes.",
 "Rating: {digit}/10.",
 "Recommended, with reservations.",
 "Not recommended.",
 "Highly recommended!",
 "Update after {n} months: still happy.",
 "Update after {n} months: it's broken. Changing my rating.",
 "Price paid: {price}.",
 "— {first}, {town}",
]
