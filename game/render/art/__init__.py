"""The game's art, drawn in code: module interiors and exteriors, objects, the Soyuz.

Every painter draws with a `Pen` (world metres to surface pixels, y up) so the same code
draws into the cached station layer, anchored to the world grid (tiles line up), and into
sprites, centred on a body. Nothing here reads the clock or an unseeded random source:
the same inputs always give the same pixels."""
