using System;
using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Common;

/// <summary>
/// The pending operations of a value walk, last in first out, each with a small tag (whether the value is text, the
/// shape it has). Not a <c>Stack&lt;(IOperation, T)&gt;</c>: a framework generic over a value tuple has its code
/// neither in our ReadyToRun image nor in the framework's, so every fresh compiler JIT-compiled it on our first
/// finding (bench/analyzer-cost/README.md).
/// </summary>
internal sealed class OperationWorklist
{
    private IOperation[] _operations = new IOperation[8];
    private int[] _tags = new int[8];

    public int Count { get; private set; }

    public void Push(IOperation operation, bool flag) => Push(operation, flag ? 1 : 0);

    public void Push(IOperation operation, int tag)
    {
        if (Count == _operations.Length)
        {
            var operations = new IOperation[Count * 2];
            var tags = new int[Count * 2];
            Array.Copy(_operations, operations, Count);
            Array.Copy(_tags, tags, Count);
            (_operations, _tags) = (operations, tags);
        }

        _operations[Count] = operation;
        _tags[Count++] = tag;
    }

    /// <summary>The most recently pushed operation and its tag; only when <see cref="Count"/> is positive.</summary>
    public IOperation Pop(out int tag)
    {
        var operation = _operations[--Count];
        tag = _tags[Count];
        _operations[Count] = null!; // the walk may hold many; let them go
        return operation;
    }
}
