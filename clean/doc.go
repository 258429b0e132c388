// Package clean turns a raw article, plain text or a saved web page, into the
// cleaned text that every later offset points into, with the page's metadata
// and a list of what was left out and why (menus, cookie notices, related
// links, share buttons, credits and the like).
package clean
