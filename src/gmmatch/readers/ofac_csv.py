def read_sdn(*a, **k): raise NotImplementedError
