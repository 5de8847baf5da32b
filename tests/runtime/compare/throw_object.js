// Throwing a non-error object, compared with node.
throw { plain: 'object', list: [1, 2] };
