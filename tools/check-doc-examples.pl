#!/usr/bin/perl
# Check that every ```psql block in doc/*.md is a verbatim excerpt of a
# pg_regress expected file (expected/*.out), pgRouting "docqueries" style.
# Prints TAP: one test per block.
use strict;
use warnings;

my $expected = '';
for my $f (sort glob('expected/*.out')) {
	open(my $fh, '<:raw', $f) or die "$f: $!";
	local $/;
	$expected .= <$fh> . "\n";
}

my @blocks;
for my $doc (sort glob('doc/*.md')) {
	open(my $fh, '<:raw', $doc) or die "$doc: $!";
	my ($in, $start, $text) = (0, 0, '');
	while (my $line = <$fh>) {
		if (!$in && $line =~ /^```psql\s*$/) {
			($in, $start, $text) = (1, $., '');
		} elsif ($in && $line =~ /^```\s*$/) {
			push @blocks, [$doc, $start, $text];
			$in = 0;
		} elsif ($in) {
			$text .= $line;
		}
	}
}

print '1..' . scalar(@blocks) . "\n";
my $n = 0;
for my $b (@blocks) {
	my ($doc, $start, $text) = @$b;
	$n++;
	if (index($expected, $text) >= 0) {
		print "ok $n - $doc:$start matches an expected output\n";
	} else {
		print "not ok $n - $doc:$start is not in any expected/*.out (update the doc or the test)\n";
	}
}
