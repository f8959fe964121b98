"""The arithmetic of DNA's networks (:mod:`.networks`) on sparse matrices, so that memory and time follow the
statements and the ties, not actors² (a window sequence at 10^6 triples held a dense actors × actors matrix per
window and kind: 9.3 GB).

The counts of a selection are one sparse matrix ``A``: a row per actor, a column per decision and level
(``decision · levels + level``, levels in ascending order). Counts are integers and the level factors halves,
so every product and sum here is exact, whatever the order the sparse kernels add in.
"""

from __future__ import annotations

from minegraph.errors import require


def _sparse():
    """scipy.sparse (the analysis extra), imported when a network is first computed."""
    return require("scipy.sparse", "analysis")


def count_matrix(rows: list[int], decisions: list[int], levels: list[int], shape: tuple[int, int, int]):
    """``A`` (actors × decisions·levels, CSR with sorted indices) from one (actor, decision, level) triple
    per statement: repeated triples add up."""
    np, sparse = require("numpy", "analysis"), _sparse()
    actors, columns, depth = shape
    cells = np.asarray(decisions, dtype=np.int64) * depth + np.asarray(levels, dtype=np.int64)
    data = np.ones(len(rows))
    matrix = sparse.csr_matrix((data, (np.asarray(rows, dtype=np.int64), cells)), shape=(actors, columns * depth))
    matrix.sum_duplicates()
    return matrix


def closeness(values):
    """Closeness of every pair of levels, ``1 - |q1 - q2| / range`` (1 on the diagonal)."""
    np = require("numpy", "analysis")
    spread = float(values.max() - values.min()) or 1.0
    return 1.0 - np.abs(values[:, None] - values[None, :]) / spread


def one_mode(counts, values, kind: str, normalisation: str):
    """The actor × actor matrix of ``kind`` (congruence, conflict, subtract), normalised, as CSR without the
    diagonal and without zero cells: Σ over pairs of levels of factor[k1, k2] · A_k1 · A_k2ᵀ."""
    sparse = _sparse()
    near = closeness(values)
    factor = {"congruence": near, "conflict": 1.0 - near, "subtract": 2.0 * near - 1.0}[kind]
    decisions = counts.shape[1] // len(values)
    weighted = counts @ sparse.kron(sparse.identity(decisions, format="csr"), sparse.csr_matrix(factor), "csr")
    product = (weighted @ counts.T).tocoo()
    keep = (product.row != product.col) & (product.data != 0)
    row, col, data = product.row[keep], product.col[keep], product.data[keep] + 0.0  # + 0.0: no -0.0
    if normalisation != "none":
        data = data / pair_norm(counts, normalisation, row, col)
    return _csr(data, row, col, product.shape)


def pair_norm(counts, normalisation: str, row, col):
    """The denominator of DNA's one-mode normalisations (average, jaccard, cosine) at the cells (row, col),
    each sharing a decision (so never 0 there)."""
    np = require("numpy", "analysis")
    totals = np.asarray(counts.sum(axis=1)).ravel()
    if normalisation == "average":
        return (totals[row] + totals[col]) / 2.0
    if normalisation == "jaccard":  # m11 + m10 + m01 = Σ f_i [f_j = 0] + Σ [f_i = 0] f_j + Σ f_i f_j
        present = counts @ (counts > 0).astype(float).T  # [i, j] = Σ_k f_ik [f_jk > 0]
        shared, mirrored = at(present, row, col), at(present, col, row)
        return (totals[row] - shared) + (totals[col] - mirrored) + at(counts @ counts.T, row, col)
    lengths = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())  # cosine
    return lengths[row] * lengths[col]


def tally(counts, depth: int):
    """The statements per actor and decision (CSR, actors × decisions): ``A`` summed over the levels."""
    np, sparse = require("numpy", "analysis"), _sparse()
    return counts @ sparse.kron(sparse.identity(counts.shape[1] // depth, format="csr"), np.ones((depth, 1)), "csr")


def affiliation(counts, values, normalisation: str):
    """The actor × decision matrix (CSR): the sum of the statements' levels, normalised by activity (the
    actor's statements) or prominence (the decision's)."""
    np, sparse = require("numpy", "analysis"), _sparse()
    per_cell = tally(counts, len(values))
    signed = counts @ sparse.kron(sparse.identity(per_cell.shape[1], format="csr"), values[:, None], "csr")
    cells = per_cell.tocoo()
    row, col = cells.row, cells.col
    data = at(signed, row, col)
    if normalisation == "activity":
        data = data / np.asarray(per_cell.sum(axis=1)).ravel()[row]
    elif normalisation == "prominence":
        data = data / np.asarray(per_cell.sum(axis=0)).ravel()[col]
    keep = data != 0
    return _csr(data[keep] + 0.0, row[keep], col[keep], per_cell.shape)


def entries(matrix, upper: bool = False) -> list[tuple[int, int, float]]:
    """(row, column, value) of each stored cell in row-major order (``upper``: above the diagonal only)."""
    np = require("numpy", "analysis")
    matrix = matrix.tocsr()
    matrix.sort_indices()
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    keep = (matrix.indices > rows) if upper else slice(None)
    return list(zip(rows[keep].tolist(), matrix.indices[keep].tolist(), matrix.data[keep].tolist()))


def dense_rows(matrix):
    """Each row of ``matrix`` (sparse or dense) as a dense vector, one at a time."""
    if not hasattr(matrix, "getrow"):
        yield from matrix
        return
    for i in range(matrix.shape[0]):
        yield matrix.getrow(i).toarray()[0]


def as_sparse(matrix):
    """``matrix`` as CSR without stored zeros (a dense array is converted)."""
    sparse = _sparse()
    matrix = matrix.tocsr().astype(float) if sparse.issparse(matrix) else sparse.csr_matrix(matrix, dtype=float)
    if not matrix.data.all():
        matrix = matrix.copy()  # never the caller's own matrix
        matrix.eliminate_zeros()
    return matrix


def at(matrix, row, col):
    """The values of ``matrix`` at the cells (row, col), as a flat array."""
    np = require("numpy", "analysis")
    if not len(row):
        return np.zeros(0)
    return np.asarray(matrix.tocsr()[np.asarray(row), np.asarray(col)]).ravel()


def _csr(data, row, col, shape):
    matrix = _sparse().csr_matrix((data, (row, col)), shape=shape)
    matrix.sort_indices()
    return matrix
