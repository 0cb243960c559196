package validate

import "regexp/syntax"

// patternMatches says what values the anchored pattern ^(?:p)$ can match, as far as its
// structure tells: none at all (`[^\x00-\x{10FFFF}]`, `a^b`, `$x`), only the empty value
// (`^$`, `x*` matches more), or some non-empty value. It follows the compiled program
// through every instruction, tracking whether a character was consumed and whether the end
// of text was asserted; it takes word boundaries and multi-line anchors as passable, so it
// never calls a pattern empty that can match.
func patternMatches(p string) (nonEmpty, empty bool) {
	re, err := syntax.Parse(`^(?:`+p+`)$`, syntax.Perl)
	if err != nil {
		return true, true // reported elsewhere
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return true, true
	}
	type state struct {
		pc             uint32
		consumed, done bool // a character was read; the end of text was asserted
	}
	seen := map[state]bool{}
	stack := []state{{pc: uint32(prog.Start)}}
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[st] {
			continue
		}
		seen[st] = true
		in := &prog.Inst[st.pc]
		next := func(s state) { stack = append(stack, s) }
		switch in.Op {
		case syntax.InstMatch:
			if st.consumed {
				nonEmpty = true
			} else {
				empty = true
			}
		case syntax.InstFail:
		case syntax.InstAlt, syntax.InstAltMatch:
			next(state{in.Out, st.consumed, st.done})
			next(state{in.Arg, st.consumed, st.done})
		case syntax.InstCapture, syntax.InstNop:
			next(state{in.Out, st.consumed, st.done})
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(in.Arg)
			if op&syntax.EmptyBeginText != 0 && st.consumed {
				continue // ^ after a character
			}
			next(state{in.Out, st.consumed, st.done || op&syntax.EmptyEndText != 0})
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			if st.done || in.Op == syntax.InstRune && len(in.Rune) == 0 {
				continue // a character after $, or an empty class
			}
			next(state{in.Out, true, false})
		}
		if nonEmpty {
			return true, empty
		}
	}
	return nonEmpty, empty
}
