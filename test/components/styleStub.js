// Stylesheets mean nothing in jsdom; components import them for the build.
module.exports = {};
