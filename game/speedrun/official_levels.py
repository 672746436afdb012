"""Written by `python -m game.speedrun.official`: the SHA-256 of every shipped level
file. Do not edit by hand."""

OFFICIAL_LEVELS: dict[str, str] = {
    "antenna": "f8170e4bc03eed94c1684da85d4f15b084e08f5c59a680387e23f85f22da7c07",
    "arrival": "aed843151a4518e5651e3e96714582d9024102acc16a598b0bd1054528475c0e",
    "cut-loose": "8c9f77a6039b327475ff2e588c3c8fd608c0f366423cfde1efe6b2b4d237e810",
    "diversion": "dddaf939e3bfd192d8c3a889c74a44696c9625dceb9ec940e3b43af9a0ff8ee7",
    "free-fall": "0578068ee73a191b96281af58f007164a167b5d9b5e3853e18d71e0c6a0be232",
    "life-support": "3200e9a968f7865886411f559b6bc3f60199c02e2dd72a45fe430d1db4ca4156",
    "stress-debris": "d30ec391df74809f808c4df8d872bd2753b0d965355c3533f2157b7c5f22ca66",
    "vault": "ec23ad94c323cec6b47a4945ed0100809114b53ccb5c16b0c8f0c00a7e9caf4c",
}
