using System.Numerics;

namespace Trellis.Rules;

/// <summary>
/// A set of a plan's element groups, by their index in the plan: one bit per group, 64 to a word.
/// What a rule matched, what remains of it after displacement, what a displacement took. A value
/// type over one array, so it adds no allocation to the bitset it wraps; copies share the array
/// (<see cref="Clone"/> makes an independent one). <c>default</c> is <see cref="IsNone"/>: no set at
/// all, as for a plan rule, which matches the plan rather than elements — not the empty set.
/// </summary>
internal readonly struct ElementSet
{
    private readonly ulong[]? _words;

    private ElementSet(ulong[] words) => _words = words;

    /// <summary>The empty set over a plan of <paramref name="elements"/> groups.</summary>
    public static ElementSet Empty(int elements) => new(new ulong[(elements + 63) >> 6]);

    /// <summary>True for <c>default</c>: no set (a plan rule), as opposed to an empty set.</summary>
    public bool IsNone => _words is null;

    /// <summary>The number of 64-bit words.</summary>
    public int Words => _words!.Length;

    /// <summary>Word <paramref name="w"/>: bit <c>i</c> stands for element <c>64 w + i</c>. Setting it changes every copy.</summary>
    public ulong this[int w]
    {
        get => _words![w];
        set => _words![w] = value;
    }

    public void Add(int element) => _words![element >> 6] |= 1UL << (element & 63);

    public bool Contains(int element) => (_words![element >> 6] & (1UL << (element & 63))) != 0;

    /// <summary>True when the set has at least one element; false for an empty set and for <see cref="IsNone"/>.</summary>
    public bool Any()
    {
        foreach (var word in _words ?? [])
        {
            if (word != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of elements; 0 for <see cref="IsNone"/>.</summary>
    public int Count()
    {
        var count = 0;
        foreach (var word in _words ?? [])
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    /// <summary>Adds every element of <paramref name="other"/> (over the same plan).</summary>
    public void UnionWith(ElementSet other)
    {
        for (var w = 0; w < _words!.Length; w++)
        {
            _words[w] |= other._words![w];
        }
    }

    /// <summary>An independent copy.</summary>
    public ElementSet Clone() => new((ulong[])_words!.Clone());

    /// <summary>True when both are the same set object (copies of one value), not merely equal.</summary>
    public bool SameAs(ElementSet other) => ReferenceEquals(_words, other._words);

    /// <summary>The element indexes in ascending order; none for <see cref="IsNone"/>. Allocation-free.</summary>
    public Enumerator GetEnumerator() => new(_words ?? []);

    public struct Enumerator
    {
        private readonly ulong[] _words;
        private int _w;
        private ulong _word;

        internal Enumerator(ulong[] words)
        {
            _words = words;
            _w = -1;
            _word = 0;
            Current = -1;
        }

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (_word == 0)
            {
                if (++_w >= _words.Length)
                {
                    return false;
                }

                _word = _words[_w];
            }

            Current = (_w << 6) + BitOperations.TrailingZeroCount(_word);
            _word &= _word - 1;
            return true;
        }
    }
}
