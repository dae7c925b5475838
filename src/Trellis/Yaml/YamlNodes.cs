namespace Trellis.Yaml;

/// <summary>
/// A node of a parsed YAML document: all Trellis needs of YAML is the shape (mapping, sequence,
/// scalar), the text of scalars, whether a scalar was quoted, and the 1-based line of each node
/// for diagnostics. Built by <see cref="YamlDocument"/>.
/// </summary>
public abstract class YamlNode(int line)
{
    /// <summary>1-based line where the node starts.</summary>
    public int Line { get; } = line;
}

/// <summary>A scalar: its text as written (escapes resolved, block scalars folded), and whether it was plain (unquoted).</summary>
public sealed class YamlScalar(string value, bool plain, int line) : YamlNode(line)
{
    public string Value { get; } = value;

    /// <summary>True for a plain (unquoted, not block) scalar: only those can be YAML's null (<c>~</c>, <c>null</c>, nothing).</summary>
    public bool IsPlain { get; } = plain;

    public override string ToString() => Value;
}

/// <summary>A sequence (<c>- item</c> lines or <c>[a, b]</c>).</summary>
public sealed class YamlSequence(IReadOnlyList<YamlNode> items, int line) : YamlNode(line)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;
}

/// <summary>A mapping, its entries in document order; keys are unique (a repeated key is reported while parsing).</summary>
public sealed class YamlMapping(IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> entries, int line) : YamlNode(line)
{
    public IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = entries;
}
