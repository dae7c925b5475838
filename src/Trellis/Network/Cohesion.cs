namespace Trellis.Network;

/// <summary>Cohesion measures on a <see cref="SimpleGraph"/>: k-cores, triangles, clustering and transitivity.</summary>
public static class Cohesion
{
    /// <summary>
    /// The core number of each node, as <c>nx.core_number(G)</c>: the largest k such that the node belongs
    /// to a k-core (a maximal subgraph in which every node has degree ≥ k). Batagelj–Zaversnik, O(m).
    /// </summary>
    public static int[] CoreNumbers(SimpleGraph g)
    {
        var n = g.NodeCount;
        var degree = new int[n];
        var maxDegree = 0;
        for (var v = 0; v < n; v++)
        {
            degree[v] = g.Degree(v);
            maxDegree = Math.Max(maxDegree, degree[v]);
        }

        var binStart = new int[maxDegree + 2];
        for (var v = 0; v < n; v++)
        {
            binStart[degree[v] + 1]++;
        }

        for (var d = 0; d <= maxDegree; d++)
        {
            binStart[d + 1] += binStart[d];
        }

        var position = new int[n];
        var vertices = new int[n];
        var fill = (int[])binStart.Clone();
        for (var v = 0; v < n; v++)
        {
            position[v] = fill[degree[v]]++;
            vertices[position[v]] = v;
        }

        var offsets = g.Offsets;
        var targets = g.Targets;
        for (var i = 0; i < n; i++)
        {
            var v = vertices[i];
            for (var p = offsets[v]; p < offsets[v + 1]; p++)
            {
                var u = targets[p];
                if (degree[u] > degree[v])
                {
                    var du = degree[u];
                    var pu = position[u];
                    var pw = binStart[du];
                    var w = vertices[pw];
                    if (u != w)
                    {
                        position[u] = pw;
                        vertices[pu] = w;
                        position[w] = pu;
                        vertices[pw] = u;
                    }

                    binStart[du]++;
                    degree[u]--;
                }
            }
        }

        return degree;
    }

    /// <summary>The number of triangles through each node, as <c>nx.triangles(G)</c>.</summary>
    public static long[] Triangles(SimpleGraph g)
    {
        var n = g.NodeCount;
        var triangles = new long[n];
        var offsets = g.Offsets;
        var targets = g.Targets;

        // Orient each link from lower to higher rank (degree, then number); each triangle is then found once.
        var rank = new int[n];
        var byRank = Enumerable.Range(0, n).ToArray();
        Array.Sort(byRank, (a, b) => g.Degree(a) != g.Degree(b) ? g.Degree(a).CompareTo(g.Degree(b)) : a.CompareTo(b));
        for (var i = 0; i < n; i++)
        {
            rank[byRank[i]] = i;
        }

        var forwardStart = new int[n + 1];
        for (var v = 0; v < n; v++)
        {
            for (var p = offsets[v]; p < offsets[v + 1]; p++)
            {
                if (rank[targets[p]] > rank[v])
                {
                    forwardStart[v + 1]++;
                }
            }
        }

        for (var v = 0; v < n; v++)
        {
            forwardStart[v + 1] += forwardStart[v];
        }

        var forward = new int[forwardStart[n]];
        for (var v = 0; v < n; v++)
        {
            var k = forwardStart[v];
            for (var p = offsets[v]; p < offsets[v + 1]; p++)
            {
                if (rank[targets[p]] > rank[v])
                {
                    forward[k++] = targets[p];
                }
            }
        }

        var mark = new int[n];
        Array.Fill(mark, -1);
        for (var v = 0; v < n; v++)
        {
            for (var p = forwardStart[v]; p < forwardStart[v + 1]; p++)
            {
                mark[forward[p]] = v;
            }

            for (var p = forwardStart[v]; p < forwardStart[v + 1]; p++)
            {
                var u = forward[p];
                for (var q = forwardStart[u]; q < forwardStart[u + 1]; q++)
                {
                    var w = forward[q];
                    if (mark[w] == v)
                    {
                        triangles[v]++;
                        triangles[u]++;
                        triangles[w]++;
                    }
                }
            }
        }

        return triangles;
    }

    /// <summary>
    /// Local clustering, as <c>nx.clustering(G)</c> (unweighted): 2·T(v) / (d(v)(d(v)-1)), 0 when d(v) &lt; 2;
    /// and transitivity, as <c>nx.transitivity(G)</c>: 3 × triangles / connected triples, 0 without triangles.
    /// </summary>
    public static (double[] Clustering, double Transitivity) Clustering(SimpleGraph g)
    {
        var n = g.NodeCount;
        var triangles = Triangles(g);
        var clustering = new double[n];
        long closed = 0;
        long triples = 0;
        for (var v = 0; v < n; v++)
        {
            long d = g.Degree(v);
            closed += triangles[v];
            triples += d * (d - 1) / 2;
            clustering[v] = d < 2 ? 0 : 2.0 * triangles[v] / (d * (d - 1));
        }

        return (clustering, closed == 0 ? 0 : (double)closed / triples);
    }
}
