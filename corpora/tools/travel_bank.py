"""Travel notes about invented places: sections a paragraph is built from, in order."""

TRAVEL_OPEN = [
 "We reached {foreign} a little after {time}, tired and hungry, on a bus that had stopped at every village on the way.",
 "I'd never heard of {foreign} until a stranger on a train told me it was \"the best town nobody visits\", so I went.",
 "The ferry to {foreign} takes {n} hours and costs {price} each way, and for most of the crossing there's nothing to see but grey water and gulls.",
 "{foreign} sits at the end of a valley road so narrow that the bus driver sounds his horn at every bend.",
 "Our second week in {country} began in {foreign}, a hill town of steep lanes, washing lines and cats asleep on warm stone steps.",
 "Getting to {foreign} involved two trains, a bus and a lift from a farmer named {first}, who refused to take any money.",
 "Arriving in {foreign} at dawn is the best way to see it: the fishing boats come in, the cafés put out their chairs, and the light turns the harbour gold.",
 "I spent {n} days in {foreign} in {month}, which the guidebooks say is the wrong time to go. The guidebooks are wrong.",
 "The road into {foreign} climbs through chestnut woods for {kmshort} km before the town appears, all at once, clinging to a ridge.",
 "We almost skipped {foreign}. It was a line on a map between two places we'd meant to see. I'm very glad we didn't.",
]
TRAVEL_STAY = [
 "We stayed in a small guesthouse run by {person}, who served breakfast on a terrace and insisted on refilling our coffee every five minutes.",
 "Our room cost {room} a night, had a balcony the size of a tea towel and a view that made up for everything.",
 "The hostel near the station was clean, cheap ({cheap} for a bed in a dorm of six) and full of cyclists comparing blisters.",
 "I'd booked a room above a bakery, which meant waking at four to the smell of bread. I've had worse alarms.",
 "The campsite by the lake charges {cheap} a night, and the showers are hot if you get there before eight.",
 "Our apartment had a kitchen, a washing machine and a neighbour who practised the trumpet, badly, at exactly {time} every evening.",
 "The old inn on the square has creaking floorboards, a resident dog and rooms named after local poets; ours was called after one nobody could remember.",
]
TRAVEL_FOOD = [
 "The local speciality is a thick soup of beans and smoked sausage, served with bread the size of a small pillow, for about {cheap}.",
 "Don't leave without trying the almond pastries from the bakery on the corner of the main square; they sell out by {time}.",
 "Dinner at a family trattoria cost us {price} for two, including a carafe of house wine and a dessert we hadn't ordered but were given anyway.",
 "The fish market opens at six, and by seven you can eat grilled sardines at a counter with the fishermen who caught them.",
 "Every café seems to serve coffee the same way: small, strong and with a glass of water on the side, for about {cheap}.",
 "We ate at the night market every evening: skewers, dumplings, fried bread with honey, and a sour cherry drink that I still dream about.",
 "The waiter recommended the lamb, then the rabbit, then his cousin's restaurant across the road, which turned out to be excellent.",
 "A picnic from the covered market, with cheese, olives, tomatoes and a loaf, cost less than {cheap} and fed us twice.",
]
TRAVEL_SIGHT = [
 "The castle on the hill is mostly ruins, but the climb takes forty minutes and the view stretches {kmmid} km on a clear day.",
 "The cathedral's bell tower has {steps} steps, and a small sign at the top simply says \"Well done\".",
 "There's a museum of clocks in an old merchant's house, run by a man who winds every one of them by hand each morning.",
 "The beach is a twenty-minute walk past the lighthouse, and in {month} we had it almost entirely to ourselves.",
 "We walked the cliff path to the next village, {kmshort} km of wildflowers, goats and sudden views of the sea.",
 "The old town is best explored without a map. Every lane seems to end at a tiny square with a fountain and a bench.",
 "The Sunday market fills the main street from end to end with stalls selling honey, knives, carpets and plastic toys.",
 "The abandoned railway viaduct has been turned into a walkway with gardens, and locals jog across it at dawn.",
 "On the far side of the lake there's a monastery where the monks sell their own cheese from a hatch in the wall.",
]
TRAVEL_TIP = [
 "Practical tip: most shops close between 1 and 4 p.m., so do your shopping in the morning.",
 "Bring cash: many of the smaller places don't take cards, and the only ATM is outside the post office.",
 "The tourist office lends bicycles for free if you leave your passport, which sounds alarming but worked perfectly.",
 "Buses back to the city leave every {busmins} minutes, and the last one goes at {time}, so don't linger over dinner.",
 "A day pass for the local trains costs {price} and pays for itself after two journeys.",
 "Learn \"please\" and \"thank you\" in the local language; people visibly warm to you for the effort, however bad your accent.",
 "If you go in summer, book early: the town has only {num} beds and they fill up by {month}.",
 "The weather changes fast in the mountains. We set off in T-shirts and came back in every layer we owned.",
]
TRAVEL_CLOSE = [
 "I left {foreign} with sore legs, a bag of dried figs and a promise to come back.",
 "Of all the places we visited, it's the one I keep telling people about.",
 "It isn't a place for sightseeing so much as a place for sitting still, and I'd forgotten how much I needed that.",
 "Three days wasn't enough. A week might not be either.",
 "On our last evening the owner of the guesthouse gave us a jar of her own jam, wrapped in newspaper. It didn't survive the journey home, but the memory did.",
 "If you go, say hello to {first} at the bakery. Tell them the travellers with the broken umbrella sent you.",
]
