package graph

// StrongComponents returns the strongly connected components with more than one
// vertex of the graph of n vertices whose out-neighbours of v are
// targets[start[v]:start[v+1]] (compressed sparse rows, len(start) == n+1): the
// sets of vertices that lie on a cycle together. Iterative Tarjan, O(V+E), no
// recursion, so a long chain cannot overflow the stack. The loader finds lineage
// cycles with it; importers use it to find the cycles of data they are building.
func StrongComponents(n int, start, targets []int32) [][]int32 {
	index := make([]int32, n)
	low := make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int32
	var out [][]int32
	next := int32(0)
	type frame struct{ v, k int32 }
	for s := int32(0); s < int32(n); s++ {
		if index[s] >= 0 {
			continue
		}
		call := []frame{{s, 0}}
		index[s], low[s] = next, next
		next++
		stack = append(stack, s)
		onStack[s] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			if out := targets[start[f.v]:start[f.v+1]]; int(f.k) < len(out) {
				w := out[f.k]
				f.k++
				switch {
				case index[w] < 0:
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{w, 0})
				case onStack[w]:
					low[f.v] = min(low[f.v], index[w])
				}
				continue
			}
			v := f.v
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] == index[v] {
				var comp []int32
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp = append(comp, w)
					if w == v {
						break
					}
				}
				if len(comp) > 1 {
					out = append(out, comp)
				}
			}
		}
	}
	return out
}
