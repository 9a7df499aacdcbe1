package analyse

// setModel makes m the model that judges cb's themes (nil: the rules
// alone) in place of the embedded one.
func (cb *Codebook) setModel(m *Model) { cb.model, cb.builtinModel = m, false }
