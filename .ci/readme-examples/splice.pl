#!/usr/bin/env perl
# Usage: splice.pl README.md DIR
# Puts the README's Java examples into the Java files under DIR, as written. Every ```java block of the README
# follows a line <!-- java-example: NAME --> and goes where a file holds the line "// README: NAME". The inline
# builder examples (`new ...GraphBuilder(...)...build()`) go, joined by commas, where "// README: inline-builders"
# stands. Fails when a block has no place, a place no block, or a block no name.
use strict;
use warnings;
use File::Find;

my ($readme, $dir) = @ARGV;
open(my $in, '<', $readme) or die "cannot read $readme: $!\n";
my @lines = <$in>;
close $in;

my %blocks;
my $name;
for (my $i = 0; $i < @lines; $i++) {
    if ($lines[$i] =~ /^<!-- java-example: (\S+) -->\s*$/) {
        $name = $1;
        next;
    }
    if ($lines[$i] =~ /^```java\s*$/) {
        die "$readme line " . ($i + 1) . ": a java block without <!-- java-example: NAME --> before it\n" unless defined $name;
        die "$readme: two java blocks named $name\n" if exists $blocks{$name};
        my @body;
        for ($i++; $i < @lines && $lines[$i] !~ /^```\s*$/; $i++) {
            push @body, $lines[$i];
        }
        $blocks{$name} = join('', @body);
    }
    undef $name if $lines[$i] !~ /^\s*$/ && $lines[$i] !~ /^<!--/;
}

my $text = join('', @lines);
my @builders;
while ($text =~ /`(new \w+GraphBuilder\([^`]*?\.build\(\))`/gs) {
    (my $expression = $1) =~ s/\s*\n\s*//g;
    push @builders, $expression;
}
die "$readme: no inline builder examples found\n" unless @builders;
$blocks{'inline-builders'} = join(",\n", @builders) . "\n";

my %used;
find(sub {
    return unless /\.java$/;
    my $file = $File::Find::name;
    open(my $src, '<', $file) or die "cannot read $file: $!\n";
    my @out;
    while (my $line = <$src>) {
        if ($line =~ /^(\s*)\/\/ README: (\S+)\s*$/) {
            my ($indent, $wanted) = ($1, $2);
            die "$file: no README example named $wanted\n" unless exists $blocks{$wanted};
            $used{$wanted} = 1;
            push @out, map { $_ =~ /^\s*$/ ? "\n" : "$indent$_" } split(/^/m, $blocks{$wanted});
        } else {
            push @out, $line;
        }
    }
    close $src;
    open(my $dst, '>', $file) or die "cannot write $file: $!\n";
    print $dst @out;
    close $dst;
}, $dir);

for my $block (sort keys %blocks) {
    die "$readme: the example $block has no place in the examples project\n" unless $used{$block};
}
printf "README examples put in place: %s\n", join(', ', sort keys %blocks);
