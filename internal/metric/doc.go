// Package metric holds the arithmetic of rasad's evaluations: precision,
// recall and F1 from counts, and the "overall precision=P recall=R f1=F"
// line that every eval command prints last.
package metric
