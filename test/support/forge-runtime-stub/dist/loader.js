'use strict'; // stand-in for Forge's runtime loader: see ../README.md
