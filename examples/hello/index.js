console.log(`hello from ${process.release ? process.release.name : 'a JavaScript runtime'}`);
