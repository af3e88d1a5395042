'use strict'; // stand-in for Forge's runtime wrapper: see ../README.md
