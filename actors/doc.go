// Package actors holds rasad's list of conflict actors (states, armies,
// armed groups, governments, international bodies and the people who lead
// them), read from an analyst-editable YAML file, and finds which actor a
// name or description in an article refers to, given the article's country
// and date.
package actors
